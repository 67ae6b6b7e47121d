// Attribute reader for ops over a set of axes (batch excluded).

/** The `axes` attribute: distinct axes of a rank-`rank` sample (batch excluded), sorted; `undefined` → all. */
export function sampleAxes(a: Readonly<Record<string, unknown>>, rank?: number): number[] {
  const v = a.axes;
  if (v === undefined && rank !== undefined) return [...Array(rank).keys()];
  if (!Array.isArray(v) || v.length === 0 || !v.every((d) => Number.isInteger(d) && d >= 0) || new Set(v).size !== v.length)
    throw new Error(`attribute axes must be distinct axes without batch (0, 1, …), got ${JSON.stringify(v)}`);
  if (rank !== undefined && v.some((d) => d >= rank)) throw new Error(`axes [${v.join(', ')}] do not all exist in a rank-${rank} input`);
  return [...v].sort((x, y) => x - y);
}
