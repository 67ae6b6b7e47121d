import { describe, expect, it } from 'vitest';
import { SparseChoice } from './sparse-choice.js';

describe('SparseChoice: sparse or dense per chunk from measured times', () => {
  it('measures both (after a warm-up chunk), then takes the faster, and re-probes sparse after REPROBE dense chunks', () => {
    const c = new SparseChoice();
    expect(c.measuring).toBe(true);
    expect(c.sparse(1000, 10)).toBe(true);
    c.sparseTook(1e6, 1000); // the warm-up chunk: dropped
    c.denseTook(1, 10);
    expect(c.measuring).toBe(true);
    c.sparseTook(100, 1000); // 0.1 ms per entry: a slow measurement
    c.denseTook(10, 10); // 1 ms per row
    expect(c.measuring).toBe(false);
    // 0.1 · 1000 = 100 ms sparse > 10 ms dense: dense, until the REPROBE-th chunk
    const picks = Array.from({ length: SparseChoice.REPROBE }, () => c.sparse(1000, 10));
    expect(picks.slice(0, -1).every((p) => !p)).toBe(true);
    expect(picks.at(-1)).toBe(true);
    c.sparseTook(1, 1000); // now fast: the average 0.7 · 0.1 + 0.3 · 0.001 ms per entry ≈ 70 ms, still dense
    expect(c.sparse(1000, 10)).toBe(false);
    for (let k = 0; k < 8 * SparseChoice.REPROBE; k++) if (c.sparse(1000, 10)) c.sparseTook(1, 1000);
    expect(c.sparse(1000, 10)).toBe(true); // 8 re-probes: 0.1 · 0.7⁸ + … ≈ 0.0067 ms per entry, under 0.01
  });

  it('predicts a dense chunk ahead of listing its input, except the re-probe chunk', () => {
    const c = new SparseChoice();
    expect(c.denseAhead(1000, 10)).toBe(false); // measuring
    c.sparse(1000, 10);
    c.sparseTook(1e6, 1000);
    c.denseTook(1, 10);
    c.sparse(1000, 10);
    c.sparseTook(100, 1000);
    c.denseTook(10, 10); // 0.1 ms per entry, 1 ms per row: 1000 entries (100 ms) over 10 rows (10 ms) is dense
    const ahead = Array.from({ length: SparseChoice.REPROBE }, () => c.denseAhead(1000, 10));
    expect(ahead.slice(0, -1).every(Boolean)).toBe(true); // REPROBE − 1 dense chunks without listing
    expect(ahead.at(-1)).toBe(false); // the re-probe chunk is listed …
    expect(c.sparse(1000, 10)).toBe(true); // … and runs sparse, as before
    expect(c.denseAhead(10, 10)).toBe(false); // 10 entries (1 ms) against 10 ms: sparse predicted, listed
  });

  it('clips a measurement at OUTLIER × the estimate: one preempted chunk does not turn a sparse layer dense', () => {
    const c = new SparseChoice();
    c.sparse(1000, 10);
    c.sparseTook(1e6, 1000);
    c.denseTook(1, 10);
    c.sparse(1000, 10);
    c.sparseTook(1, 1000); // 0.001 ms per entry: 1 ms for 1000 entries
    c.denseTook(2.5, 10); // 0.25 ms per row: 2.5 ms for 10 rows
    expect(c.sparse(1000, 10)).toBe(true);
    c.sparseTook(1000, 1000); // a chunk 1000× slower (the thread was descheduled): counts as 2 ms
    // 0.7 · 0.001 + 0.3 · 0.002 = 0.0013 ms per entry: 1.3 ms < 2.5 ms, still sparse (unclipped: 301 ms, dense)
    expect(c.sparse(1000, 10)).toBe(true);
    expect(c.denseAhead(1000, 10)).toBe(false);
    // a lasting change of cost still moves the estimate: ×1.3 per chunk, dense after 4 slow chunks (0.001 · 1.3⁴ ≈ 0.0029)
    const picks = Array.from({ length: 4 }, () => {
      c.sparseTook(1000, 1000);
      return c.sparse(1000, 10);
    });
    expect(picks).toEqual([true, true, false, false]);
  });
});
