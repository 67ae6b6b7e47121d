import { createProgressBar, type ProgressStream } from '@snn/simulator';

/**
 * The CLI's progress bars (training epochs, calibration, shards, sweeps) are the simulator's
 * `createProgressBar` — one bar, quiet when the stream is no terminal — fed counts of `total` and
 * a note: `update(done, total, note)` redraws, `done()` ends the line.
 *
 * @example
 * const bar = progressBar('train');
 * bar.update(3, 10, 'loss 0.12'); bar.done();
 */
export function progressBar(
  label: string,
  stream: ProgressStream = process.stderr,
): { update(done: number, total: number, note?: string): void; done(): void } {
  const bar = createProgressBar({ stream, label });
  const t0 = performance.now();
  return {
    update: (done, total, note) => bar.update({ samples: done, total, seconds: (performance.now() - t0) / 1000, note }),
    done: bar.done,
  };
}
