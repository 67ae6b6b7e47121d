import { type ChartSpec, renderSvg } from '../render.js';
import { type XyChartOptions, xySpec } from './xy-chart.js';

/** Options of {@link lineChart}: series, titles, axes (the shared x–y chart options). */
export type LineChartOptions = XyChartOptions;

/**
 * Lines y(x), one per series, joined in the order given, with a legend (two or more series), axis
 * titles and a grid. `dash: true` draws a series dashed.
 *
 * @example
 * const x = [-0.2, 0, 0.5, 1, 1.2];
 * const svg = await lineChart({
 *   series: [{ name: 'ReLU(x)', x, y: x.map((v) => Math.max(0, v)), dash: true }, { name: 'rate', x, y: [0, 0, 0.5, 1, 1] }],
 *   title: 'IF rate vs ReLU', xLabel: 'input x', yLabel: 'rate',
 * });
 */
export function lineChartSpec(o: LineChartOptions): ChartSpec {
  return xySpec(o, 'line');
}

/** {@link lineChartSpec} rendered to an SVG string. */
export function lineChart(o: LineChartOptions): Promise<string> {
  return renderSvg(lineChartSpec(o));
}
