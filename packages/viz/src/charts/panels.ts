import { type ChartSpec, renderSvg } from '../render.js';
import { VizInputError } from '../validate.js';

/**
 * Charts side by side in one picture (like matplotlib's `subplot(1, n, k)`), each keeping its own
 * scales and legend. Takes the `*Spec` results, e.g. `panels([lineChartSpec(a), lineChartSpec(b)])`.
 *
 * @example
 * const svg = await renderSvg(panelsSpec([scatterChartSpec(a), lineChartSpec(b)], { title: 'IF neurons' }));
 */
export function panelsSpec(specs: ChartSpec[], o: { title?: string } = {}): ChartSpec {
  if (!Array.isArray(specs) || specs.length === 0) throw new VizInputError('specs', 'needs at least one chart spec');
  const inner = specs.map(({ $schema: _s, config: _c, ...rest }) => rest);
  return {
    $schema: specs[0].$schema,
    ...(o.title ? { title: o.title } : {}),
    hconcat: inner,
    resolve: { scale: { color: 'independent', strokeDash: 'independent' } },
  } as ChartSpec;
}

/** {@link panelsSpec} rendered to an SVG string. */
export function panels(specs: ChartSpec[], o: { title?: string } = {}): Promise<string> {
  return renderSvg(panelsSpec(specs, o));
}
