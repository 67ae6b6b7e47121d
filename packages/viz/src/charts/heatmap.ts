import { type ChartSpec, renderSvg } from '../render.js';
import { checkMatrix, checkNumbers, checkSize, VizInputError } from '../validate.js';
import { type ChartOptions, cellAxis, cellSpan, SCHEMA } from './common.js';

export interface HeatmapOptions extends ChartOptions {
  /** `values[row][col]`: row r is drawn as the r-th line from the top, column c at x = c. */
  values: number[][];
  /** Title of the colour legend. */
  colorLabel?: string;
  /** A Vega colour scheme. Default 'viridis'; 'redblue' suits signed values (then centred on 0). */
  scheme?: string;
  /** Fixed colour range [min, max]; default: the data's. */
  colorDomain?: [number, number];
}

/**
 * A 2-D heatmap: one cell per value, coloured by value (e.g. membrane potential V[i][t] with a row
 * per neuron and a column per time step).
 *
 * @example
 * const svg = await heatmap({ values: [[0, 0.5, 1], [0.2, 0.4, 0.6]], title: 'V', xLabel: 't', yLabel: 'neuron', colorLabel: 'V' });
 */
export function heatmapSpec(o: HeatmapOptions): ChartSpec {
  const m = checkMatrix('values', o?.values);
  const R = m.length;
  const C = m[0].length;
  const values = m.flatMap((row, r) => row.map((v, c) => ({ r, c, v })));
  let domain: number[] | undefined;
  if (o.colorDomain !== undefined) {
    domain = checkNumbers('colorDomain', o.colorDomain, { length: 2 });
    if (!(domain[0] < domain[1])) throw new VizInputError('colorDomain', 'must be [min, max] with min < max');
  }
  const scheme = o.scheme ?? 'viridis';
  const diverging = scheme === 'redblue' || scheme === 'blueorange' || scheme === 'redyellowblue';
  return {
    $schema: SCHEMA,
    title: o.title ?? '',
    width: checkSize('width', o.width, Math.min(600, Math.max(200, 4 * C))),
    height: checkSize('height', o.height, Math.min(500, Math.max(120, 12 * R))),
    data: { values },
    transform: [...cellSpan('c', 0.5), ...cellSpan('r', 0.5)],
    mark: { type: 'rect', aria: false },
    encoding: {
      x: cellAxis('c', o.xLabel ?? 'column', C, { grid: false }),
      x2: { field: 'c1' },
      y: cellAxis('r', o.yLabel ?? 'row', R, { grid: false, reverse: true }),
      y2: { field: 'r1' },
      color: {
        field: 'v',
        type: 'quantitative',
        title: o.colorLabel ?? 'value',
        scale: { scheme, ...(domain ? { domain } : {}), ...(diverging && !domain ? { domainMid: 0, reverse: true } : {}) },
      },
    },
  } as ChartSpec;
}

/** {@link heatmapSpec} rendered to an SVG string. */
export function heatmap(o: HeatmapOptions): Promise<string> {
  return renderSvg(heatmapSpec(o));
}
