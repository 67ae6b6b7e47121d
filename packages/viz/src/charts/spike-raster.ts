import { type ChartSpec, renderSvg } from '../render.js';
import { checkMatrix, checkSize, VizInputError } from '../validate.js';
import { type ChartOptions, cellAxis, cellSpan, SCHEMA } from './common.js';

export interface SpikeRasterOptions extends ChartOptions {
  /** Spikes as `[T][N]`: `spikes[t][i]` is neuron i's output at step t (0, 1, or a count for multi-level spikes). */
  spikes: number[][];
  /** Width of the firing-rate panel in pixels. Default 120. */
  rateWidth?: number;
  /** Write each neuron's rate as a number in the rate panel. Default: when N ≤ 60. */
  rateLabels?: boolean;
}

/** Firing rate of each neuron: r_i = (1/T)·Σ_t s[t][i]. */
export function firingRates(spikes: number[][]): number[] {
  const T = spikes.length;
  return spikes[0].map((_, i) => spikes.reduce((n, row) => n + row[i], 0) / T);
}

/**
 * A spike raster with each neuron's firing rate beside it (SpikingJelly's `plot_1d_spikes`): a mark
 * at (t, i) for every step t where neuron i fired (darker for multi-level counts above 1), and
 * a bar r_i = (1/T)·Σ_t s[t][i] on the same rows. Neuron 0 is the top row.
 *
 * @example
 * const svg = await spikeRaster({ spikes: [[0, 1], [1, 1], [0, 1]], title: 'IF spikes', xLabel: 't', yLabel: 'neuron' });
 */
export function spikeRasterSpec(o: SpikeRasterOptions): ChartSpec {
  const spikes = checkMatrix('spikes', o?.spikes, '[T][N]');
  if (spikes.flat().some((s) => s < 0)) throw new VizInputError('spikes', 'spike counts must be ≥ 0');
  const T = spikes.length;
  const N = spikes[0].length;
  const rates = firingRates(spikes);
  const maxCount = Math.max(1, ...spikes.flat());
  const events: Array<{ t: number; i: number; s: number }> = [];
  spikes.forEach((row, t) => {
    row.forEach((s, i) => {
      if (s > 0) events.push({ t, i, s });
    });
  });
  const height = checkSize('height', o.height, Math.min(600, Math.max(150, 12 * N)));
  const y = {
    field: 'i',
    type: 'quantitative' as const,
    title: o.yLabel ?? 'neuron index',
    scale: { domain: [-0.5, N - 0.5], reverse: true, nice: false, zero: false },
    axis: { tickMinStep: 1, format: 'd', grid: false },
  };
  const rateMax = Math.max(1, ...rates);
  return {
    $schema: SCHEMA,
    title: o.title ?? 'spikes and firing rates',
    data: { values: rates.map((r, i) => ({ i, r, label: r.toFixed(2) })) },
    hconcat: [
      {
        width: checkSize('width', o.width, 480),
        height,
        data: { values: events },
        transform: [...cellSpan('t', 0.4), ...cellSpan('i', 0.4)],
        mark: { type: 'rect', color: '#1f3b73', aria: false },
        encoding: {
          x: cellAxis('t', o.xLabel ?? 't', T),
          x2: { field: 't1' },
          y: { ...y, field: 'i0' },
          y2: { field: 'i1' },
          ...(maxCount > 1 ? { opacity: { field: 's', type: 'quantitative', title: 'spikes', scale: { domain: [0, maxCount] } } } : {}),
        },
      },
      {
        width: checkSize('rateWidth', o.rateWidth, 120),
        height,
        layer: [
          {
            transform: [...cellSpan('i', 0.4), { calculate: '0', as: 'zero' }],
            mark: { type: 'rect', color: '#9ecae1', aria: false },
            encoding: {
              x: { field: 'zero', type: 'quantitative', title: 'firing rate', scale: { domain: [0, rateMax], nice: false } },
              x2: { field: 'r' },
              y: { ...y, field: 'i0', title: null, axis: { labels: false, ticks: false, grid: false, domain: false } },
              y2: { field: 'i1' },
            },
          },
          ...((o.rateLabels ?? N <= 60)
            ? [
                {
                  mark: { type: 'text' as const, aria: false, align: 'left' as const, dx: 3, fontSize: Math.min(10, Math.max(7, height / N - 2)) },
                  transform: [{ calculate: '0', as: 'zero' }],
                  encoding: {
                    x: { field: 'zero', type: 'quantitative' as const },
                    y: { field: 'i', type: 'quantitative' as const },
                    text: { field: 'label', type: 'nominal' as const },
                  },
                },
              ]
            : []),
        ],
      },
    ],
    resolve: { scale: { y: 'shared' } },
  } as ChartSpec;
}

/** {@link spikeRasterSpec} rendered to an SVG string. */
export function spikeRaster(o: SpikeRasterOptions): Promise<string> {
  return renderSvg(spikeRasterSpec(o));
}
