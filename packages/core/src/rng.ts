/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): a tiny, fast PRNG with a 32-bit state whose
 * whole sequence is fixed by the seed, on every JavaScript engine. Each call advances
 * `s ← s + 0x6D2B79F5 (mod 2³²)` and returns a 32-bit mix of `s` divided by 2³², in [0, 1).
 * The one seeded generator of the project (initialisation, shuffling, dropout, subsets, test data).
 * Not for cryptography.
 *
 * @param seed any number; taken modulo 2³²
 * @example const rand = createRng(42); rand(); // 0.6011037519201636
 */
export function createRng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t = (t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
