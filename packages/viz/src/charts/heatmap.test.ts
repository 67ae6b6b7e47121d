import { describe, expect, it } from 'vitest';
import { heatmap, heatmapSpec } from './heatmap.js';
import { histogram } from './histogram.js';
import { lineChartSpec } from './line-chart.js';
import { panels } from './panels.js';
import { scatterChartSpec } from './scatter-chart.js';

const cells = (svg: string) => {
  const start = svg.indexOf('class="mark-rect role-mark marks"');
  return [...svg.slice(start, svg.indexOf('</g>', start)).matchAll(/<path d="M([\d.]+),([\d.]+)h[^"]*" fill="([^"]+)"/g)].map((m) => ({
    x: Math.round(Number(m[1])),
    y: Math.round(Number(m[2])),
    fill: m[3],
  }));
};

describe('heatmap', () => {
  it('one cell per value: row 0 on top, column 0 on the left, the colour scale ordered by value', async () => {
    const s = await heatmap({
      values: [
        [0, 1, 2],
        [3, 4, 5],
      ],
      width: 300,
      height: 100,
      title: 'V',
      xLabel: 't',
      yLabel: 'neuron',
      colorLabel: 'V (mV)',
    });
    const c = cells(s);
    expect(c.map(({ x, y }) => [x, y])).toEqual([
      [0, 0],
      [100, 0],
      [200, 0],
      [0, 50],
      [100, 50],
      [200, 50],
    ]);
    // viridis: the smallest value is dark purple, the largest yellow
    expect(c[0].fill).toBe('rgb(68, 1, 84)');
    expect(c[5].fill).toBe('rgb(253, 231, 37)');
    for (const t of ['V', 't', 'neuron', 'V (mV)']) expect(s).toContain(`>${t}</text>`);
  });

  it('a diverging scheme is centred on 0 unless a colour domain is given', () => {
    const spec = (o: object) => (heatmapSpec({ values: [[-1, 2]], ...o }) as { encoding: { color: { scale: object } } }).encoding.color.scale;
    expect(spec({ scheme: 'redblue' })).toMatchObject({ scheme: 'redblue', domainMid: 0 });
    expect(spec({ scheme: 'redblue', colorDomain: [-2, 2] })).toEqual({ scheme: 'redblue', domain: [-2, 2] });
  });
});

describe('histogram', () => {
  it('counts values per bin: [0.1, 0.2, 0.2, 0.9] in bins of 0.1 → 1, 2 and 1 (the last edge included)', async () => {
    const s = await histogram({ values: [0.1, 0.2, 0.2, 0.9], maxBins: 10, height: 240 });
    const bars = [...s.matchAll(/aria-label="value: ([\d.]+) – ([\d.]+); count: (\d+)"[^>]* d="M[\d.]+,[\d.]+h[\d.]+v([\d.]+)/g)].map((m) =>
      m.slice(1).map(Number),
    );
    expect(bars).toEqual([
      [0.1, 0.2, 1, 120],
      [0.2, 0.3, 2, 240],
      [0.8, 0.9, 1, 120],
    ]);
  });
});

describe('panels', () => {
  it('puts charts side by side, each with its own title and axes', async () => {
    const a = scatterChartSpec({ series: [{ name: 'x', x: [0, 1], y: [0, 1] }], title: 'left', xLabel: 'i' });
    const b = lineChartSpec({ series: [{ name: 'y', x: [0, 1], y: [5, 7] }], title: 'right', xLabel: 'x' });
    const s = await panels([a, b], { title: 'both' });
    for (const t of ['both', 'left', 'right', 'i', 'x']) expect(s).toContain(`>${t}</text>`);
    expect(s).toContain('concat_0_group');
    expect(s).toContain('concat_1_group');
  });
});
