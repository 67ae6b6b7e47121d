/**
 * {@link fire} on one number, for JS kernels: S = Θ(H − θ) for binary spikes, else the multi-level
 * count min(⌊H/θ⌋, m) with the same float32 correction as the tensor form (bit-identical to it).
 *
 * @example
 * fireScalar(2.5, 1, 3); // 2
 */
export function fireScalar(h: number, theta: number, maxSpikes: number): number {
  if (maxSpikes === 1) return h >= theta ? 1 : 0;
  const f = Math.fround;
  const k0 = Math.floor(f(h / theta));
  const tooHigh = h < f(k0 * theta) ? 1 : 0;
  const tooLow = h >= f(f(k0 + 1) * theta) ? 1 : 0;
  return Math.min(Math.max(k0 - tooHigh + tooLow, 0), maxSpikes);
}
