/** A 32-bit integer mixer (xor-shift-multiply, full avalanche): the counter-based RNG's core. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The key of one (seed, sample, step) stream; {@link uniformFrom} draws its values. */
export function streamKey(seed: number, sample: number, step: number): number {
  return mix32((mix32(mix32(seed) ^ sample) + step) | 0);
}

/**
 * Value `index` of a stream: uniform in [0, 1) with 24 bits (exact in float32). Counter-based
 * (a pure function of seed, sample, step, index), so a draw never depends on how samples are
 * batched, chunked or shared among threads.
 */
export function uniformFrom(key: number, index: number): number {
  return (mix32(key ^ Math.imul(index + 1, 0x9e3779b9)) >>> 8) / 0x1000000;
}
