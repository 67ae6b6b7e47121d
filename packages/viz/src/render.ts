import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { theme } from './theme.js';

/** A Vega-Lite specification, as the `*Spec` functions return it (plain JSON you may change). */
export type ChartSpec = TopLevelSpec;

type TextWidth = (item: unknown, text: unknown) => number;
// Exported by vega-scenegraph at run time, missing from vega's typings.
const metrics = (vega as unknown as { textMetrics: { width: TextWidth; estimateWidth: TextWidth } }).textMetrics;

/**
 * Renders a Vega-Lite specification to an SVG string with the shared theme (its own `config` wins).
 *
 * The same string comes out in Node and in the browser: Vega's headless view (no DOM), and text
 * widths for layout taken from Vega's estimate (0.8·fontSize per character) rather than from a
 * browser canvas, which only a browser has.
 *
 * @example
 * const svg = await renderSvg({ data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } });
 */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const withTheme = { ...spec, config: { ...theme, ...(spec.config ?? {}) } } as ChartSpec;
  const previous = metrics.width;
  metrics.width = metrics.estimateWidth;
  const view = new vega.View(vega.parse(compile(withTheme).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
    metrics.width = previous;
  }
}
