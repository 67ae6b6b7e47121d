import type { ChartSpec } from '../render.js';
import { checkNumbers, checkSize, VizInputError } from '../validate.js';
import { type ChartOptions, type Domain, SCHEMA, type Series } from './common.js';

export interface XyChartOptions extends ChartOptions {
  series: Series[];
  /** Fixed axis ranges; default: fitted to the data. */
  xDomain?: Domain;
  yDomain?: Domain;
  /** Legend title. Default: none. The legend is shown when there are two or more series. */
  legendTitle?: string;
  /** Where the legend goes: `'inside'` (top-left corner of the plot, default) or `'right'` of it, clear of the data. */
  legend?: 'inside' | 'right';
  /** Logarithmic x axis (x > 0), e.g. time steps 1…200 where the first tens matter most. Default linear. */
  xLog?: boolean;
  /**
   * With a fixed `yDomain`: draw values outside it on the nearest edge (a curve below the minimum
   * runs along the bottom from its first point) instead of clipping them away. Default false.
   */
  clampY?: boolean;
}

function checkDomain(param: string, d: Domain | undefined): Domain | undefined {
  if (d === undefined) return undefined;
  const [lo, hi] = checkNumbers(param, d, { length: 2 });
  if (!(lo < hi)) throw new VizInputError(param, `must be [min, max] with min < max (got [${lo}, ${hi}])`);
  return [lo, hi];
}

/** Long-format rows {series, x, y, k} from the series, after checking each. */
function rows(series: Series[]) {
  if (!Array.isArray(series) || series.length === 0) throw new VizInputError('series', 'needs at least one { name, x, y }');
  const names = new Set<string>();
  return series.flatMap((s, k) => {
    if (typeof s?.name !== 'string') throw new VizInputError(`series[${k}].name`, 'must be a string');
    if (names.has(s.name)) throw new VizInputError(`series[${k}].name`, `'${s.name}' is used twice`);
    names.add(s.name);
    const x = checkNumbers(`series[${k}].x`, s.x, { minLength: 1 });
    const y = checkNumbers(`series[${k}].y`, s.y, { length: x.length });
    return x.map((xi, j) => ({ series: s.name, x: xi, y: y[j], k }));
  });
}

/**
 * The shared spec of line and scatter charts: one colour per series, a legend, axis titles, grid.
 * Series keep their given order in the legend and colours.
 */
export function xySpec(o: XyChartOptions, mark: 'line' | 'point'): ChartSpec {
  const values = rows(o?.series);
  const names = o.series.map((s) => s.name);
  const xDomain = checkDomain('xDomain', o.xDomain);
  const yDomain = checkDomain('yDomain', o.yDomain);
  const orient = o.legend === 'right' ? 'right' : 'top-left';
  const legend = names.length > 1 ? { title: o.legendTitle ?? null, orient, fillColor: 'white', padding: 4 } : null;
  if (o.xLog && values.some((v) => v.x <= 0)) throw new VizInputError('xLog', 'a logarithmic x axis needs every x > 0');
  const clampY = Boolean(o.clampY && yDomain);
  const clip = Boolean(xDomain || (yDomain && !clampY)); // a fixed range may leave points outside
  const pad = mark === 'point' ? { padding: 10, nice: false } : {}; // whole markers at the edges
  const dashes = o.series.map((s) => (s.dash ? [6, 4] : [1, 0]));
  return {
    $schema: SCHEMA,
    title: o.title ?? '',
    width: checkSize('width', o.width, 400),
    height: checkSize('height', o.height, 260),
    data: { values },
    mark: mark === 'line' ? { type: 'line', strokeWidth: 2, clip } : { type: 'point', filled: true, size: 40, opacity: 0.9, clip },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: o.xLabel ?? 'x',
        scale: { ...(xDomain ? { domain: xDomain, nice: false } : { zero: false, ...pad }), ...(o.xLog ? { type: 'log' } : {}) },
      },
      y: {
        field: 'y',
        type: 'quantitative',
        title: o.yLabel ?? 'y',
        scale: yDomain ? { domain: yDomain, nice: false, clamp: clampY } : { zero: false, ...pad },
      },
      color: { field: 'series', type: 'nominal', scale: { domain: names }, legend },
      ...(mark === 'line' ? { strokeDash: { field: 'series', type: 'nominal', scale: { domain: names, range: dashes }, legend } } : {}),
      order: { field: 'k' },
    },
  } as ChartSpec;
}
