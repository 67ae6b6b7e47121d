/**
 * IEEE 754 half precision bits → number (exact: every half is a float32).
 * value = (−1)^s · 2^(e−15) · (1 + m/1024), subnormals 2^−14 · m/1024, e = 31 is ∞/NaN.
 */
export function halfToFloat(bits: number): number {
  const s = bits & 0x8000 ? -1 : 1;
  const e = (bits >> 10) & 0x1f;
  const m = bits & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? Number.NaN : s * Number.POSITIVE_INFINITY;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

const bf = new DataView(new ArrayBuffer(4));
/** bfloat16 bits (the high half of a float32) → number. */
export function bfloat16ToFloat(bits: number): number {
  bf.setUint32(0, (bits & 0xffff) << 16);
  return bf.getFloat32(0);
}
