/**
 * The shortest decimal that is the same float32 as `x`: ONNX stores float attributes as float32,
 * so PyTorch's `eps=1e-3` arrives as 0.0010000000474974513; this gives back 0.001 (which tfjs
 * turns into the very same float32), keeping graph attributes readable.
 *
 * @example shortestFloat32(0.0010000000474974513) // 0.001
 */
export function shortestFloat32(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const y = Number(f.toPrecision(p));
    if (Math.fround(y) === f) return y;
  }
  return f;
}
