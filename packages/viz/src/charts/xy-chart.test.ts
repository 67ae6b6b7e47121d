import { describe, expect, it } from 'vitest';
import { lineChart } from './line-chart.js';
import { scatterChart, scatterChartSpec } from './scatter-chart.js';

/** The texts of the legend's labels, in drawing order. */
const legendLabels = (svg: string) => [...svg.matchAll(/role-legend-label"[^>]*>(?:<[^>]*>)*?<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);

describe('lineChart', () => {
  const x = [0, 0.5, 1];
  const svg = lineChart({
    series: [
      { name: 'firing rate', x, y: [0, 0.5, 1] },
      { name: 'ReLU(x)', x, y: [1, 0.5, 0], dash: true },
    ],
    title: 'rate vs ReLU',
    xLabel: 'input x',
    yLabel: 'rate',
    width: 200,
    height: 100,
    yDomain: [0, 1],
  });

  it('has the title, axis titles and a legend with the series in their given order', async () => {
    const s = await svg;
    for (const t of ['rate vs ReLU', 'input x', 'rate']) expect(s).toContain(`>${t}</text>`);
    expect(legendLabels(s)).toEqual(['firing rate', 'ReLU(x)']);
  });

  it('draws each series through its points, the dashed one dashed', async () => {
    const lines = [...(await svg).matchAll(/aria-roledescription="line mark" d="([^"]+)"[^>]*stroke-dasharray="([^"]+)"/g)];
    expect(lines.map((m) => m[2])).toEqual(['1,0', '6,4']);
    // x: [0, 1] → [0, 200] px; y: [0, 1] → [100, 0] px
    expect(lines[0][1]).toBe('M0,100L100,50L200,0');
    expect(lines[1][1]).toBe('M0,0L100,50L200,100');
  });

  it('has a dashed grid and no legend for a single series', async () => {
    const s = await lineChart({ series: [{ name: 'only', x: [0, 1], y: [0, 1] }] });
    expect(s).toContain('stroke-dasharray="4,3"');
    expect(legendLabels(s)).toEqual([]);
  });
});

describe('lineChart options for accuracy-vs-t', () => {
  const markPaths = (s: string) => [...s.matchAll(/aria-roledescription="line mark" d="([^"]+)"/g)].map((m) => m[1]);

  it('clampY draws a curve below the y minimum along the bottom edge from its first point', async () => {
    const series = [{ name: 'low start', x: [0, 1, 2], y: [10, 60, 100] }];
    // y domain [50, 100] → [100, 0] px; 10 is below the minimum
    const clamped = markPaths(await lineChart({ series, width: 200, height: 100, yDomain: [50, 100], clampY: true }));
    expect(clamped[0]).toBe('M0,100L100,80L200,0');
    const clipped = await lineChart({ series, width: 200, height: 100, yDomain: [50, 100] });
    expect(clipped).toContain('clip-path'); // without clampY the part below the axis is cut away
  });

  it("legend: 'right' puts the legend right of the plot area, clear of the curves", async () => {
    const series = [
      { name: 'a', x: [1, 2], y: [0, 1] },
      { name: 'b', x: [1, 2], y: [1, 0] },
    ];
    const legendX = (s: string) => Number(/class="mark-group role-legend"[\s\S]*?translate\(([\d.]+),/.exec(s)?.[1]);
    expect(legendX(await lineChart({ series, width: 200, height: 100, legend: 'right' }))).toBeGreaterThan(200);
    expect(legendX(await lineChart({ series, width: 200, height: 100 }))).toBeLessThan(50);
  });

  it('xLog spaces x logarithmically and refuses x ≤ 0', async () => {
    // x 1, 10, 100 on a log axis of width 200 → 0, 100, 200 px
    const s = await lineChart({ series: [{ name: 'a', x: [1, 10, 100], y: [0, 1, 2] }], width: 200, height: 100, xLog: true, xDomain: [1, 100] });
    expect(markPaths(s)[0]).toMatch(/^M0,[\d.]+L100,[\d.]+L200,/);
    expect(() => lineChart({ series: [{ name: 'a', x: [0, 1], y: [0, 1] }], xLog: true })).toThrow(/xLog: a logarithmic x axis needs every x > 0/);
  });
});

describe('scatterChart', () => {
  it('draws one filled point per (x, y) and colours series apart', async () => {
    const s = await scatterChart({
      series: [
        { name: 'a', x: [0, 1, 2], y: [0, 1, 4] },
        { name: 'b', x: [0, 1], y: [1, 1] },
      ],
    });
    const points = [...s.matchAll(/aria-roledescription="point" [^>]*fill="([^"]+)"/g)].map((m) => m[1]);
    expect(points).toHaveLength(5);
    expect(new Set(points).size).toBe(2);
    expect(legendLabels(s)).toEqual(['a', 'b']);
  });

  it('pads the scales so that points at the data edges are whole', () => {
    const spec = scatterChartSpec({ series: [{ name: 'a', x: [0, 1], y: [0, 1] }] }) as { encoding: { x: { scale: object } } };
    expect(spec.encoding.x.scale).toMatchObject({ padding: 10, nice: false });
  });
});
