import { type ChartSpec, renderSvg } from '../render.js';
import { type XyChartOptions, xySpec } from './xy-chart.js';

/** Options of {@link scatterChart}: series, titles, axes (the shared x–y chart options). */
export type ScatterChartOptions = XyChartOptions;

/**
 * Points (x, y), one colour per series, with a legend (two or more series), axis titles and a grid.
 *
 * @example
 * const i = [...Array(35).keys()];
 * const svg = await scatterChart({ series: [{ name: 'x', x: i, y: i.map((k) => -0.2 + 0.04 * k) }], title: 'Input x_i', xLabel: 'i', yLabel: 'x_i' });
 */
export function scatterChartSpec(o: ScatterChartOptions): ChartSpec {
  return xySpec(o, 'point');
}

/** {@link scatterChartSpec} rendered to an SVG string. */
export function scatterChart(o: ScatterChartOptions): Promise<string> {
  return renderSvg(scatterChartSpec(o));
}
