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
 * rates), with nice bin edges.
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
    data: { values: v.map((x) => ({ x })) },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: { field: 'x', type: 'quantitative', bin: { maxbins: maxBins }, title: o.xLabel ?? 'value' },
      y: { aggregate: 'count', type: 'quantitative', title: o.yLabel ?? 'count' },
    },
  } as ChartSpec;
}

/** {@link histogramSpec} rendered to an SVG string. */
export function histogram(o: HistogramOptions): Promise<string> {
  return renderSvg(histogramSpec(o));
}
