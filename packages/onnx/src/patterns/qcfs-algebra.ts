/**
 * The algebra that proves a chain of elementwise ops around one Floor equal to QCFS,
 * y = λ·clip(⌊x·L/λ + ½⌋/L, 0, 1). Values are per entry of a broadcast constant: arrays of length 1
 * (every channel) or K (one per channel).
 */

/** One elementwise op of the chain: v ← m·v + c (m > 0), v ← clip(v, lo, hi), or v ← ⌊v⌋. */
export type ChainStep = { kind: 'affine'; m: number[]; c: number[] } | { kind: 'clip'; lo: number[]; hi: number[] } | { kind: 'floor' };

/** v = clip(s·z + o, lo, hi): z is the chain's input before the Floor, F = ⌊a·x + b⌋ after it. */
interface Piece {
  s: number[];
  o: number[];
  lo: number[];
  hi: number[];
}

/** What a proof gives: QCFS's λ (length 1 or K) and L, or why the chain is not QCFS. */
export type QcfsProof = { ok: true; lambda: number[]; levels: number } | { ok: false; reason: string };

/** Relative tolerance of the proof: float32 constants (λ, 1/λ, L/λ) round to about 6e-8. */
export const QCFS_TOLERANCE = 1e-5;

/** Entry i of a broadcast array (length 1 or K). */
const at = (a: readonly number[], i: number) => a[a.length === 1 ? 0 : i];
const each = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));
const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

function applyStep(p: Piece, st: Exclude<ChainStep, { kind: 'floor' }>): Piece {
  if (st.kind === 'affine') {
    // m·clip(w, lo, hi) + c = clip(m·w + c, m·lo + c, m·hi + c) for m > 0 (±∞ bounds stay ±∞).
    const n = Math.max(p.s.length, p.lo.length, st.m.length, st.c.length);
    const bound = (b: readonly number[], i: number) => (Number.isFinite(at(b, i)) ? at(st.m, i) * at(b, i) + at(st.c, i) : at(b, i));
    return {
      s: each(n, (i) => at(p.s, i) * at(st.m, i)),
      o: each(n, (i) => at(p.o, i) * at(st.m, i) + at(st.c, i)),
      lo: each(n, (i) => bound(p.lo, i)),
      hi: each(n, (i) => bound(p.hi, i)),
    };
  }
  // clip(clip(w, lo, hi), l, h) = clip(w, clip(lo, l, h), clip(hi, l, h)) for lo ≤ hi, l ≤ h.
  const n = Math.max(p.s.length, p.lo.length, st.lo.length, st.hi.length);
  return {
    s: each(n, (i) => at(p.s, i)),
    o: each(n, (i) => at(p.o, i)),
    lo: each(n, (i) => clamp(at(p.lo, i), at(st.lo, i), at(st.hi, i))),
    hi: each(n, (i) => clamp(at(p.hi, i), at(st.lo, i), at(st.hi, i))),
  };
}

/**
 * Proves `steps` (exactly one Floor) equal to QCFS. Composing increasing affine maps and clips gives
 * v = clip(a·x + b, lo, hi) before the Floor; ⌊·⌋ is monotone, so ⌊v⌋ = clip(⌊a·x + b⌋, ⌊lo⌋, ⌊hi⌋);
 * after it y = clip(c·F + d, lo₂, hi₂) with F = ⌊a·x + b⌋. That is QCFS with L levels and λ exactly
 * when, per channel: b = ½ + n for an integer n, d + c·n = 0, lo₂ = 0, hi₂ = c·L, a·c = 1; then
 * λ = c·L. Each equality holds to {@link QCFS_TOLERANCE} (relative to one level, c).
 */
export function proveQcfs(steps: readonly ChainStep[]): QcfsProof {
  const floors = steps.filter((s) => s.kind === 'floor').length;
  if (floors !== 1) return { ok: false, reason: `the chain has ${floors} Floor ops (QCFS has one)` };
  let p: Piece = { s: [1], o: [0], lo: [Number.NEGATIVE_INFINITY], hi: [Number.POSITIVE_INFINITY] };
  let pre: Piece | undefined;
  for (const st of steps) {
    if (st.kind === 'floor') {
      pre = p;
      p = { s: [1], o: [0], lo: p.lo.map(Math.floor), hi: p.hi.map(Math.floor) };
    } else p = applyStep(p, st);
  }
  const before = pre as Piece;
  const n = Math.max(before.s.length, before.o.length, p.s.length, p.o.length, p.lo.length, p.hi.length);
  const tol = QCFS_TOLERANCE;
  const lambda: number[] = [];
  let levels = 0;
  for (let i = 0; i < n; i++) {
    const [a, b, c, d, lo, hi] = [at(before.s, i), at(before.o, i), at(p.s, i), at(p.o, i), at(p.lo, i), at(p.hi, i)];
    const where = n > 1 ? ` (channel ${i})` : '';
    const shift = Math.round(b - 0.5);
    if (Math.abs(b - 0.5 - shift) > tol) return { ok: false, reason: `the offset added before Floor is ${fmt(b)} steps, not ½${where}` };
    if (Math.abs(d + c * shift) > tol * c) return { ok: false, reason: `the output is offset by ${fmt(d + c * shift)}${where}` };
    if (!(Math.abs(lo) <= tol * c)) return { ok: false, reason: `the output is clipped below at ${fmt(lo)}, not 0${where}` };
    const L = Math.round(hi / c);
    if (!(L >= 1 && Number.isFinite(hi) && Math.abs(hi / c - L) <= tol * Math.max(1, L)))
      return { ok: false, reason: `the output is clipped above at ${fmt(hi / c)} levels, not a whole number ≥ 1${where}` };
    if (levels && L !== levels) return { ok: false, reason: `channels have different levels (${levels} and ${L})` };
    levels = L;
    if (Math.abs(a * c - 1) > tol)
      return { ok: false, reason: `the scale before Floor (${fmt(a)}) is not the inverse of the step after it (${fmt(c)})${where}` };
    lambda.push(c * L);
  }
  return { ok: true, lambda, levels };
}

const fmt = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v));
