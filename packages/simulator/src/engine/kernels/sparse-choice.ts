/**
 * Per layer, whether a chunk runs sparse or dense, from measured times: the first two chunks run
 * both (the first a warm-up whose times are dropped; each keeps the sparse result: the two are
 * bit-identical), then each chunk takes the path whose
 * predicted time is lower — sparse ≈ (listed entries) · (time per entry), dense ≈ rows · (time
 * per row), both estimates updated (exponential average, outliers clipped) by every chunk that runs that path.
 * The firing rates of the layer's input decide it, as measured on this machine, not a fixed density.
 */
export class SparseChoice {
  private perEntry: number | undefined;
  private perRow: number | undefined;
  private static readonly KEEP = 0.7;
  /**
   * A measurement counts as at most this many times the current estimate: a chunk preempted by
   * another process (a 2-core machine shared with other work) takes several times its cost, and
   * one such chunk would otherwise keep a layer on the slower path for up to REPROBE chunks; a
   * real change of cost still moves the estimate (×1.3 per chunk).
   */
  static readonly OUTLIER = 2;
  /** The estimate after a new measurement `v`: `KEEP·e + (1 − KEEP)·min(v, OUTLIER·e)`. */
  private static update(e: number | undefined, v: number): number {
    return e === undefined ? v : SparseChoice.KEEP * e + (1 - SparseChoice.KEEP) * Math.min(v, SparseChoice.OUTLIER * e);
  }
  /** Dense chunks in a row after which one chunk runs sparse again (and updates its estimate). */
  static readonly REPROBE = 16;
  private denseRun = 0;
  /** False during the first chunk: its times include first-call costs (wasm tier-up, XNNPACK set-up) and are dropped. */
  private warm = false;

  /** True when the first (measuring) chunk has not run yet. */
  get measuring(): boolean {
    return this.perRow === undefined || this.perEntry === undefined;
  }

  /**
   * True when the sparse path is predicted faster for `entries` listed inputs over `rows` rows, or
   * when it has not run for {@link SparseChoice.REPROBE} chunks (one slow first measurement — a busy
   * machine, code not yet optimised — must not keep a layer dense for the whole run).
   */
  sparse(entries: number, rows: number): boolean {
    if (this.measuring) return true;
    const yes = (this.perEntry as number) * entries <= (this.perRow as number) * rows || ++this.denseRun >= SparseChoice.REPROBE;
    if (yes) this.denseRun = 0;
    return yes;
  }

  /**
   * True when a chunk can run dense without listing its inputs first: the estimates predict dense
   * for `entries` (the caller's estimate: its previous listed chunk's entries per row × `rows`) and
   * this is not the re-probe chunk, which {@link SparseChoice.sparse} decides on the chunk's own
   * entries as before. Counts as one of the dense chunks in a row.
   */
  denseAhead(entries: number, rows: number): boolean {
    if (this.measuring || (this.perEntry as number) * entries <= (this.perRow as number) * rows) return false;
    if (this.denseRun + 1 >= SparseChoice.REPROBE) return false;
    this.denseRun++;
    return true;
  }

  /** Records a sparse chunk of `entries` listed inputs that took `ms` (not the first: a warm-up). */
  sparseTook(ms: number, entries: number): void {
    if (!this.warm) return;
    this.perEntry = SparseChoice.update(this.perEntry, ms / Math.max(1, entries));
  }

  /** Records a dense chunk of `rows` rows that took `ms`; the first one ends the warm-up chunk, unrecorded. */
  denseTook(ms: number, rows: number): void {
    if (!this.warm) {
      this.warm = true;
      return;
    }
    this.perRow = SparseChoice.update(this.perRow, ms / rows);
  }
}
