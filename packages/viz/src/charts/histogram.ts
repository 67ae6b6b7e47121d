import { type ChartSpec, renderSvg } from '../render.js';
import { checkNumbers, checkSize, VizInputError } from '../validate.js';
import { type ChartOptions, SCHEMA } from './common.js';

export interface HistogramOptions extends ChartOptions {
  values: ArrayLike<number>;
  /** Most bins (Vega-Lite picks "nice" bin edges up to this many). Default 30. */
  maxBins?: number;
}

/**
 * A histogram of `values`: counts per bin of equal width (e.g. activations of a layer, or firing
 * rates), with nice bin edges. The bar of bin b is count_b = Σ_v n_v over the distinct values v in b,
 * n_v being how often v occurs: Vega-Lite gets one row per distinct value, not one per value, so
 * firing rates k/T of 346,112 neuron×image pairs are ≤ T + 1 rows (0.58 → 0.02 CPU-s for the
 * tutorial CNN's first layer) and the SVG is the same.
 *
 * @example
 * const svg = await histogram({ values: [0.1, 0.2, 0.2, 0.9], title: 'rates', xLabel: 'rate', yLabel: 'neurons' });
 */
export function histogramSpec(o: HistogramOptions): ChartSpec {
  const v = checkNumbers('values', o?.values, { minLength: 1 });
  const maxBins = o.maxBins ?? 30;
  if (!Number.isInteger(maxBins) || maxBins < 1) throw new VizInputError('maxBins', `must be an integer ≥ 1 (got ${String(maxBins)})`);
  return {
    $schema: SCHEMA,
    title: o.title ?? '',
    width: checkSize('width', o.width, 400),
    height: checkSize('height', o.height, 240),
    data: { values: distinctCounts(v) },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: { field: 'x', type: 'quantitative', bin: { maxbins: maxBins }, title: o.xLabel ?? 'value' },
      y: { aggregate: 'sum', field: 'n', type: 'quantitative', title: o.yLabel ?? 'count' },
    },
  } as ChartSpec;
}

/** {@link histogramSpec} rendered to an SVG string. */
export function histogram(o: HistogramOptions): Promise<string> {
  return renderSvg(histogramSpec(o));
}

/** Each distinct value of `v` once, in order of first appearance, with n = how often it occurs. */
function distinctCounts(v: ArrayLike<number>): { x: number; n: number }[] {
  const n = new Map<number, number>();
  for (let i = 0; i < v.length; i++) n.set(v[i], (n.get(v[i]) ?? 0) + 1);
  return Array.from(n, ([x, k]) => ({ x, n: k }));
}
