// Captions computed from the data each figure draws: they say what the plot shows, never a canned claim.

const pct = (a: number) => `${(100 * a).toFixed(1)}%`;
const mega = (v: number) => `${(v / 1e6).toFixed(2)} M`;

/** First t (1-based) with accuracy ≥ `target`, or undefined. */
export function firstReaching(accuracy: readonly number[], target: number): number | undefined {
  const i = accuracy.findIndex((a) => a >= target);
  return i < 0 ? undefined : i + 1;
}

/**
 * Accuracy-vs-t caption: per mode, its accuracy at T and the first step within one point of the
 * ANN (or that it is not within one point by T).
 */
export function accuracyCaption(curves: ReadonlyArray<{ mode: string; accuracy: readonly number[] }>, annAccuracy: number, yMin: number): string {
  const T = curves[0].accuracy.length;
  const per = curves.map((c) => {
    const t = firstReaching(c.accuracy, annAccuracy - 0.01);
    return `${c.mode}: ${pct(c.accuracy[T - 1])} at t = ${T}, ${t === undefined ? `not within 1 point of the ANN by t = ${T}` : `within 1 point of the ANN from t = ${t}`}`;
  });
  const below = curves.filter((c) => c.accuracy.some((a) => 100 * a < yMin)).map((c) => c.mode);
  return (
    `Test accuracy when the outputs summed over steps 1…t decide, from one simulation of ${T} steps per mode; the dashed line is the ANN (${pct(annAccuracy)}). ` +
    `${per.join('; ')}.` +
    (below.length ? ` Values below ${yMin}% are drawn on the bottom edge (${below.join(', ')}).` : '')
  );
}

/** Rate-histogram caption: how many values, how many silent, the median rate of those that fire. */
export function ratesCaption(node: string, rates: readonly number[], neurons: number, images: number, T: number): string {
  const firing = Float64Array.from(rates.filter((r) => r > 0)).sort(); // typed: numeric order, ~10× faster on 300k values
  const silent = rates.length - firing.length;
  const median = firing.length ? firing[Math.floor(firing.length / 2)] : 0;
  const saturated = rates.filter((r) => r >= 1).length;
  return (
    `Firing rate (spikes per step over ${T} steps) of each of the ${neurons} neurons of ${node} in each of ${images} test images: ${rates.length} neuron × image values. ` +
    `${pct(silent / rates.length)} never fire; the median rate of the others is ${median.toFixed(3)}` +
    (saturated ? `; ${pct(saturated / rates.length)} fire at every step (rate 1 or more).` : '.')
  );
}

/** Scatter caption: which ANN node is compared, the correlation and the least-squares slope. */
export function correlationCaption(o: {
  node: string;
  annNode: string | undefined;
  r: number;
  slope: number;
  shown: number;
  total: number;
  T: number;
}): string {
  if (o.annNode === undefined) return `No ANN node has the shape of ${o.node}, so this layer is not compared.`;
  const pooled = o.annNode !== o.node ? ` (the ANN's MaxPool ${o.annNode}, which the converter moved ahead of this layer: the same ${o.total} values)` : '';
  return (
    `Each point is one neuron in one probed image: the ANN's activation${pooled} against the SNN's mean output (rate × θ) over ${o.T} steps; ` +
    `${o.shown} of ${o.total} pairs drawn. Pearson r = ${o.r.toFixed(4)}; the least-squares slope through 0 is ${o.slope.toFixed(3)} (1 and points on the diagonal: the SNN reproduces the activation).`
  );
}

/**
 * SOP caption: the spike-driven synaptic operations (the `synapticOps` monitor) against the ANN's
 * multiply-adds, where they cross (if they do), and the analog input's multiply-adds the curve omits.
 */
export function sopsCaption(o: { sopsUpTo: readonly number[]; annMacs: number; analogMacsPerStep: number }): string {
  const T = o.sopsUpTo.length;
  const cross = o.sopsUpTo.findIndex((v) => v > o.annMacs);
  const last = o.sopsUpTo[T - 1];
  const verdict =
    cross < 0
      ? `they stay below them through t = ${T} (${pct(last / o.annMacs)} of the ANN's at t = ${T})`
      : `they pass them at t = ${cross + 1}: from there on the SNN does more operations per image than the ANN (${(last / o.annMacs).toFixed(1)}× at t = ${T})`;
  return (
    `Synaptic operations per image up to step t (each spike times the weights it reaches, the synapticOps monitor): ${mega(last)} after ${T} steps, against the ANN's ${mega(o.annMacs)} multiply-adds; ${verdict}. ` +
    (o.analogMacsPerStep > 0
      ? `Not in the curve: the layers that read the analog image need ${mega(o.analogMacsPerStep)} multiply-adds per step (${mega(T * o.analogMacsPerStep)} over ${T} steps if recomputed at every step; once for a constant image).`
      : '')
  );
}
