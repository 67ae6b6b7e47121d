/** The multiplier of {@link spikingJellyOrder} (a prime). */
export const SPIKINGJELLY_ORDER_STRIDE = 7919;

/**
 * The calibration order used for snn-ts' SpikingJelly reference numbers (ANCHORS.md):
 * `perm[i] = (i · 7919) mod n`. It is a permutation whenever `n` is not a multiple of 7919
 * (7919 is prime); for the 7,996 embedded-MNIST training images it starts 0, 7919, 7842, ….
 *
 * @throws RangeError when `n` is a positive multiple of 7919 (the map would not be a permutation)
 * @example spikingJellyOrder(7996).subarray(0, 3) // Uint32Array [0, 7919, 7842]
 */
export function spikingJellyOrder(n: number): Uint32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`order length must be a non-negative integer, got ${n}`);
  if (n > 0 && n % SPIKINGJELLY_ORDER_STRIDE === 0) {
    throw new RangeError(`(i · ${SPIKINGJELLY_ORDER_STRIDE}) mod ${n} is not a permutation: ${n} is a multiple of ${SPIKINGJELLY_ORDER_STRIDE}`);
  }
  const p = new Uint32Array(n);
  // i · 7919 < 2^53 for any n a typed array can hold, so plain arithmetic is exact.
  for (let i = 0; i < n; i++) p[i] = (i * SPIKINGJELLY_ORDER_STRIDE) % n;
  return p;
}
