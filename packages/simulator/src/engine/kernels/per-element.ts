const expanded = new WeakMap<Float32Array, Float32Array>();

/**
 * Per-element values of a per-channel array over `n` values (channels on the last axis), cached
 * per array (the last size asked): read it, do not write it.
 */
export function perElement(perChannel: Float32Array, n: number): Float32Array {
  const known = expanded.get(perChannel);
  if (known?.length === n) return known;
  const out = new Float32Array(n);
  const C = perChannel.length;
  for (let j = 0, c = 0; j < n; j++) {
    out[j] = perChannel[c];
    if (++c === C) c = 0;
  }
  expanded.set(perChannel, out);
  return out;
}
