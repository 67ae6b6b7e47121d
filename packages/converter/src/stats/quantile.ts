/**
 * The q-quantile of `values` with linear interpolation between order statistics (numpy's and
 * torch.quantile's default): with v sorted ascending and p = q·(n − 1),
 *
 *   Q(q) = v[⌊p⌋] + (p − ⌊p⌋) · (v[⌊p⌋ + 1] − v[⌊p⌋])
 *
 * Runs in O(n) expected time (quickselect on a copy); `values` is not modified.
 *
 * @example quantile(Float32Array.of(0, 1, 2, 3, 4), 0.999) // 3.996
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) throw new RangeError('quantile of an empty set');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q must be in [0, 1], got ${q}`);
  const p = q * (n - 1);
  const lo = Math.floor(p);
  return interpolateAt(Float64Array.from(values), n, lo, p - lo);
}

/**
 * a₍ⱼ₎ + f·(a₍ⱼ₊₁₎ − a₍ⱼ₎), with a₍ᵢ₎ the i-th smallest (0-based) of a[0..c), found by selection;
 * a₍ⱼ₎ alone when f = 0 or j is the last place. Reorders a[0..c).
 */
export function interpolateAt(a: Float32Array | Float64Array, c: number, j: number, f: number): number {
  const vLo = select(a, c, j);
  if (j + 1 >= c || f === 0) return vLo;
  // After select, a[j+1..c) holds the larger elements: the next order statistic is their minimum.
  let vHi = Infinity;
  for (let i = j + 1; i < c; i++) if (a[i] < vHi) vHi = a[i];
  return vLo + f * (vHi - vLo);
}

/** Hoare-style quickselect on a[0..c): places the k-th smallest at a[k], smaller before, larger after. */
function select(a: Float32Array | Float64Array, c: number, k: number): number {
  let left = 0;
  let right = c - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}
