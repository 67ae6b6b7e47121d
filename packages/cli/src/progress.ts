/**
 * A one-line progress bar on stderr when it is a terminal, silent otherwise (logs and pipes stay
 * clean). `update(done, total, note)` redraws; `done()` clears the line.
 *
 * @example
 * const bar = progressBar('train', process.stderr);
 * bar.update(3, 10, 'loss 0.12'); bar.done();
 */
export function progressBar(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): { update(done: number, total: number, note?: string): void; done(): void } {
  const tty = Boolean(stream.isTTY);
  let last = 0;
  return {
    update(done, total, note = '') {
      if (!tty) return;
      const now = performance.now();
      if (done < total && now - last < 100) return; // at most 10 redraws a second
      last = now;
      const width = 24;
      const f = total > 0 ? Math.min(1, done / total) : 0;
      const bar = '█'.repeat(Math.round(f * width)).padEnd(width, '·');
      stream.write(`\r\x1b[K${label.padEnd(12)} ${bar} ${String(Math.round(100 * f)).padStart(3)}% ${note}`);
    },
    done() {
      if (tty) stream.write('\r\x1b[K');
    },
  };
}
