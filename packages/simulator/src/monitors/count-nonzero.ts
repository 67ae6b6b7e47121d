import { at, body, forLoop, frame, I32, moduleBytes, op, ownMemoryModule, V128 } from '@snn/core';

const get = op.localGet;
const set = op.localSet;

/**
 * `count(p, bytes) → n`: the float32 values of the `bytes` at p (a whole number of vectors, at least
 * one) that are not ±0 — NaN counts, as for `x !== 0` — four lanes per instruction: f32x4.ne against
 * +0 gives −1 in each such lane, subtracted from a lane-wise count; the four counts summed at the end.
 */
function countKernel(): [number[], number[]] {
  const [$, sig] = frame({ p: I32, bytes: I32 }, { i: I32, acc: V128 });
  const lane = (k: number) => [...get($.acc), ...op.i32x4ExtractLane(k)];
  const nonZero = [...get($.acc), ...at($.p, $.i), ...op.v128Load(), ...op.i32Const(0), ...op.i32x4Splat, ...op.f32x4Ne, ...op.i32x4Sub, ...set($.acc)];
  const code = [
    ...op.i32Const(0),
    ...op.i32x4Splat,
    ...set($.acc),
    ...forLoop($.i, get($.bytes), op.i32Const(16), nonZero),
    ...lane(0),
    ...lane(1),
    ...op.i32Add,
    ...lane(2),
    ...op.i32Add,
    ...lane(3),
    ...op.i32Add,
  ];
  return [sig.params, body(sig.locals, code)];
}

/** Values copied into the module's memory per call (64 KB: stays in the core's cache while it is counted). */
const CHUNK = 16384;

const counter = ownMemoryModule<{ count(p: number, bytes: number): number }>(() => moduleBytes([['count', ...countKernel(), [I32]]]), 2);

/**
 * How many values of `a` are not ±0 (NaN counts): what `synapticOps` and `firingRates` count per
 * step of a binary spike map. Copied in 64 KB chunks into a small module's own memory and counted
 * four lanes at a time (the spike maps are views of the kernels' memory, or JS arrays: a copy and a
 * SIMD pass cost less than a JS loop's branch per value — spikes are irregular, the branch
 * mispredicts); in JS where WebAssembly SIMD is not available or `a` is short. Hand-written: no
 * package counts a typed array's non-zeros with SIMD.
 */
export function countNonZero(a: Float32Array): number {
  const whole = a.length - (a.length % 4);
  const m = whole >= 64 ? counter() : null;
  let n = 0;
  let rest = 0; // where the JS count starts: after the vectors counted in SIMD
  if (m) {
    const chunk = new Float32Array(m.memory.buffer, 16, CHUNK);
    for (let i = 0; i < whole; i += CHUNK) {
      const len = Math.min(CHUNK, whole - i);
      chunk.set(a.subarray(i, i + len));
      n += m.exports.count(16, len * 4);
    }
    rest = whole;
  }
  for (let i = rest; i < a.length; i++) if (a[i] !== 0) n++;
  return n;
}
