import { body, F32, I32, moduleBytes, op, V128 } from './encode.js';
import { ifPoolKernel } from './if-pool-kernel.js';

// Parameter indices of both kernels: byte offsets x, v, out, θ, amplitude; byte lengths n (count·size·4) and size·4; hard reset: V_r.
const [X, V, OUT, TH, AMP, N, SIZE, VR] = [0, 1, 2, 3, 4, 5, 6, 7];

/**
 * One step of IF neurons over `[count, size]` float32 values, four at a time (wasm SIMD):
 *
 *   H = V + X,   M = (H ≥ θ),   V ← H − (M ∧ θ)  (soft)  or  V ← M ? V_r : H  (hard),   out = M ∧ amplitude
 *
 * θ and amplitude are per position of one sample (`size` values), repeated for every sample.
 * IEEE float32 lane arithmetic, so the results are bit-identical to the tensor ops of `step()`.
 */
function kernel(hard: boolean): number[] {
  const [i, j, h, m, t, vr] = hard ? [8, 9, 10, 11, 12, 13] : [7, 8, 9, 10, 11, 12];
  const at = (base: number, idx: number) => [...op.get(base), ...op.get(idx), ...op.i32Add];
  const reset = hard ? [...op.get(vr), ...op.get(h), ...op.get(m), ...op.bitselect] : [...op.get(h), ...op.get(m), ...op.get(t), ...op.and, ...op.sub];
  const code = [
    ...(hard ? [...op.get(VR), ...op.splat, ...op.set(vr)] : []),
    ...op.block,
    ...op.get(N),
    ...op.i32Eqz,
    ...op.brIf(0),
    ...op.loop,
    ...at(V, i),
    ...op.load,
    ...at(X, i),
    ...op.load,
    ...op.add,
    ...op.set(h),
    ...at(TH, j),
    ...op.load,
    ...op.set(t),
    ...op.get(h),
    ...op.get(t),
    ...op.ge,
    ...op.set(m),
    ...at(V, i),
    ...reset,
    ...op.store,
    ...at(OUT, i),
    ...op.get(m),
    ...at(AMP, j),
    ...op.load,
    ...op.and,
    ...op.store,
    ...op.get(i),
    ...op.i32(16),
    ...op.i32Add,
    ...op.set(i),
    ...op.get(j),
    ...op.i32(16),
    ...op.i32Add,
    ...op.tee(j),
    ...op.get(SIZE),
    ...op.i32Eq,
    ...op.if,
    ...op.i32(0),
    ...op.set(j),
    ...op.end,
    ...op.get(i),
    ...op.get(N),
    ...op.i32LtU,
    ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  const locals: Array<[number, number]> = hard
    ? [
        [2, I32],
        [4, V128],
      ]
    : [
        [2, I32],
        [3, V128],
      ];
  return body(locals, code);
}

/** The module's bytes (memory imported as `env.memory`): `ifSoft`, `ifHard`, `ifPoolSoft`, `ifPoolHard`. */
export function ifModuleBytes(): Uint8Array<ArrayBuffer> {
  const step = [I32, I32, I32, I32, I32, I32, I32];
  const pool = [I32, I32, I32, I32, I32, I32, I32, I32];
  return moduleBytes([
    ['ifSoft', step, kernel(false)],
    ['ifHard', [...step, F32], kernel(true)],
    ['ifPoolSoft', pool, ifPoolKernel(false)],
    ['ifPoolHard', [...pool, F32], ifPoolKernel(true)],
  ]);
}
