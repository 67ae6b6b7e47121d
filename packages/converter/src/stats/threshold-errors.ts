import { body, ensureBytes, F64, frame, I32, increment, moduleBytes, op, ownMemoryModule, V128 } from '@snn/core';

const get = op.localGet;
const set = op.localSet;

/**
 * `errs(vals, counts, bytes, T, f, θ₀, θ₁, out)`: the error of {@link jsErrors} at two thresholds at
 * once, one per f64x2 lane, over the entries [0, bytes/8) of the float64 arrays `vals` and `counts`;
 * the two sums are stored at `out`. Each lane runs the JS loop's operations in its order (IEEE
 * float64 multiply, divide, add, floor, min, max: the same bits), so only the thresholds are
 * parallel, never the sum.
 */
function errsKernel(): [number[], number[]] {
  const [$, sig] = frame(
    { vals: I32, counts: I32, bytes: I32, T: F64, f: F64, th0: F64, th1: F64, out: I32 },
    { i: I32, th: V128, tv: V128, fv: V128, zero: V128, v: V128, n: V128, d: V128, e: V128 },
  );
  const code = [
    ...get($.th0),
    ...op.f64x2Splat,
    ...get($.th1),
    ...op.f64x2ReplaceLane(1),
    ...set($.th),
    ...get($.T),
    ...op.f64x2Splat,
    ...set($.tv),
    ...get($.f),
    ...op.f64x2Splat,
    ...set($.fv),
    ...op.i32Const(0),
    ...op.i32x4Splat,
    ...op.localTee($.zero),
    ...set($.e),
    ...op.i32Const(0),
    ...set($.i),
    ...op.loop,
    // n = min(T, max(0, ⌊(v·T)/θ + f⌋))
    ...get($.vals),
    ...get($.i),
    ...op.i32Add,
    ...op.f64Load(),
    ...op.f64x2Splat,
    ...op.localTee($.v),
    ...get($.tv),
    ...op.f64x2Mul,
    ...get($.th),
    ...op.f64x2Div,
    ...get($.fv),
    ...op.f64x2Add,
    ...op.f64x2Floor,
    ...set($.n),
    ...get($.tv),
    ...get($.zero),
    ...get($.n),
    ...op.f64x2Max,
    ...op.f64x2Min,
    ...set($.n),
    // d = v − (n·θ)/T;  e ← e + (c·d)·d
    ...get($.v),
    ...get($.n),
    ...get($.th),
    ...op.f64x2Mul,
    ...get($.tv),
    ...op.f64x2Div,
    ...op.f64x2Sub,
    ...set($.d),
    ...get($.e),
    ...get($.counts),
    ...get($.i),
    ...op.i32Add,
    ...op.f64Load(),
    ...op.f64x2Splat,
    ...get($.d),
    ...op.f64x2Mul,
    ...get($.d),
    ...op.f64x2Mul,
    ...op.f64x2Add,
    ...set($.e),
    ...increment($.i, op.i32Const(8)),
    ...get($.i),
    ...get($.bytes),
    ...op.i32LtU,
    ...op.brIf(0),
    ...op.end,
    ...get($.out),
    ...get($.e),
    ...op.v128Store(),
  ];
  return [sig.params, body(sig.locals, code)];
}

/**
 * The squared error of what IF neurons convey in T steps at threshold θ, for each θ of `thetas`:
 *
 *   e(θ) = Σ_i c_i · (v_i − n_i·θ/T)²,   n_i = min(T, max(0, ⌊v_i·T/θ + f⌋))
 *
 * summed in entry order (the plain JS loop; {@link simdErrors} gives the same bits faster).
 */
export function jsErrors(vals: Float64Array, counts: Float64Array, T: number, f: number, thetas: ArrayLike<number>): Float64Array {
  const out = new Float64Array(thetas.length);
  for (let k = 0; k < thetas.length; k++) {
    const theta = thetas[k];
    let e = 0;
    for (let i = 0; i < vals.length; i++) {
      const n = Math.min(T, Math.max(0, Math.floor((vals[i] * T) / theta + f)));
      const d = vals[i] - (n * theta) / T;
      e += counts[i] * d * d;
    }
    out[k] = e;
  }
  return out;
}

interface Exports {
  errs(vals: number, counts: number, bytes: number, T: number, f: number, th0: number, th1: number, out: number): void;
}

const errors = ownMemoryModule<Exports>(() => moduleBytes([['errs', ...errsKernel()]]));

/**
 * {@link jsErrors} in WebAssembly SIMD, bit for bit: two thresholds per pass over the entries (one
 * per f64x2 lane; each lane's sum in entry order), about 2× faster — `auto` reads a θ per channel
 * and layer from its histograms, 0.2 s of the main thread in the JS loop. Undefined where
 * WebAssembly SIMD is not available. Hand-written: the sum must keep its order (no BLAS call does).
 */
export function simdErrors(vals: Float64Array, counts: Float64Array, T: number, f: number, thetas: ArrayLike<number>): Float64Array | undefined {
  const m = errors();
  const n = vals.length;
  if (!m || n === 0) return undefined;
  ensureBytes(m.memory, 16 + n * 16 + 16);
  const [va, ca, out] = [16, 16 + n * 8, 16 + n * 16];
  new Float64Array(m.memory.buffer, va, n).set(vals);
  new Float64Array(m.memory.buffer, ca, n).set(counts);
  const pair = new Float64Array(m.memory.buffer, out, 2);
  const errs = new Float64Array(thetas.length);
  for (let k = 0; k < thetas.length; k += 2) {
    const last = k + 1 < thetas.length ? thetas[k + 1] : thetas[k];
    m.exports.errs(va, ca, n * 8, T, f, thetas[k], last, out);
    errs[k] = pair[0];
    if (k + 1 < thetas.length) errs[k + 1] = pair[1];
  }
  return errs;
}
