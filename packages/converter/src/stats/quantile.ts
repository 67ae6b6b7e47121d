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
  const a = Float64Array.from(values);
  const p = q * (n - 1);
  const lo = Math.floor(p);
  const vLo = select(a, lo);
  if (lo + 1 >= n || p === lo) return vLo;
  // After select, a[lo+1..] holds the larger elements: the next order statistic is their minimum.
  let vHi = Infinity;
  for (let i = lo + 1; i < n; i++) if (a[i] < vHi) vHi = a[i];
  return vLo + (p - lo) * (vHi - vLo);
}

/** Hoare-style quickselect: places the k-th smallest at a[k], smaller before, larger after. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
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
