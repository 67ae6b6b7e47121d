import type { SimProgress } from './types.js';

/** Where a progress bar draws: `process.stderr` in Node, or anything with `write`. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  /** Writes `text` as is (the bar redraws with `\r`). */
  write(text: string): unknown;
}

/** Options of {@link createProgressBar}. */
export interface ProgressBarOptions {
  /** Where the bar draws. */
  stream: ProgressStream;
  /** Text before the bar (`'simulate'`). */
  label?: string;
  /** Samples in all, when the progress events do not say. */
  total?: number;
  /** Time steps per sample: adds image × steps per second. */
  T?: number;
  /** Draw even when the stream is not a terminal (default false: quiet in logs and pipes). */
  force?: boolean;
  /** Least milliseconds between redraws (default 100); the last event always draws. */
  intervalMs?: number;
}

/** A progress bar fed by `simulate`'s `onProgress`. */
export interface ProgressBar {
  /** Pass as `onProgress` (bound: `onProgress: bar.update`). */
  update: (p: ProgressEvent) => void;
  /** Ends the bar's line (call once, after the simulation, also after a failure). */
  done: () => void;
}

const secs = (s: number) => (s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

/** What a bar draws: a simulation's progress, or any count of `total` with a note (`epoch 3/10 loss 0.12`). */
export type ProgressEvent = Partial<SimProgress> & Pick<SimProgress, 'samples'> & { note?: string };

/** One line of progress: label, bar, percent, samples, elapsed, ETA, throughput, note. */
export function progressLine(p: ProgressEvent, o: Omit<ProgressBarOptions, 'stream'>, columns = 80): string {
  const total = p.total ?? o.total;
  const s = p.seconds ?? 0;
  const rate = o.T && s > 0 ? `  ${Math.round((p.samples * o.T) / s).toLocaleString('en-US')} img·steps/s` : '';
  const label = o.label ? `${o.label} ` : '';
  const note = p.note ? `  ${p.note}` : '';
  if (!total) return `${label}${p.samples} images  ${secs(s)}${rate}${note}`;
  const f = Math.min(1, p.samples / total);
  const eta = f > 0 && f < 1 ? `  ETA ${secs((s * (1 - f)) / f)}` : '';
  const tail = ` ${(100 * f).toFixed(0).padStart(3)}% ${p.samples}/${total}  ${secs(s)}${eta}${rate}${note}`;
  const width = Math.max(10, Math.min(40, columns - label.length - tail.length - 3));
  const full = Math.round(f * width);
  return `${label}[${'#'.repeat(full)}${'-'.repeat(width - full)}]${tail}`;
}

/**
 * A TTY-aware progress bar: redraws one line in place (`\r`) on a terminal, stays quiet when the
 * stream is not one (logs, pipes, CI) unless `force`.
 *
 * @example
 * const bar = createProgressBar({ stream: process.stderr, label: 'simulate', T: 64 });
 * try { await simulate(snn, data, { T: 64, onProgress: bar.update }); } finally { bar.done(); }
 */
export function createProgressBar(opts: ProgressBarOptions): ProgressBar {
  const { stream } = opts;
  const live = opts.force || stream.isTTY === true;
  const interval = opts.intervalMs ?? 100;
  let last = Number.NEGATIVE_INFINITY;
  let drawn = 0;
  const update = (p: ProgressEvent) => {
    if (!live) return;
    const total = p.total ?? opts.total;
    const now = Date.now();
    if (now - last < interval && !(total !== undefined && p.samples >= total)) return;
    last = now;
    const line = progressLine(p, opts, stream.columns ?? 80);
    stream.write(`\r${line}${' '.repeat(Math.max(0, drawn - line.length))}`);
    drawn = line.length;
  };
  const done = () => {
    if (live && drawn > 0) stream.write('\n');
    drawn = 0;
  };
  return { update, done };
}
