import { describe, expect, it } from 'vitest';
import { renderSvg } from '../render.js';
import { histogram, histogramSpec } from './histogram.js';

/** Bar heights (px) in an SVG, left to right. */
const bars = (svg: string) => {
  const start = svg.indexOf('class="mark-rect role-mark marks"');
  return [...svg.slice(start, svg.indexOf('</g>', start)).matchAll(/ d="M([\d.]+),([\d.]+)h[\d.]+v([\d.]+)/g)].map((m) => Number(m[3]));
};

describe('histogram', () => {
  it('counts each distinct value once as a row with its multiplicity: 0.2 twice, 0.1 and 0.9 once', () => {
    const spec = histogramSpec({ values: [0.2, 0.1, 0.2, 0.9] }) as { data: { values: { x: number; n: number }[] } };
    expect(spec.data.values).toEqual([
      { x: 0.2, n: 2 },
      { x: 0.1, n: 1 },
      { x: 0.9, n: 1 },
    ]);
  });

  it('draws the same SVG as one row per value counted by vega-lite (rates k/16 of 5,000 neurons)', async () => {
    let s = 7;
    const values = Array.from({ length: 5000 }, () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return Math.floor((s / 2147483648) ** 2 * 17) / 16;
    });
    const perValue = await renderSvg({
      ...histogramSpec({ values, title: 'r', xLabel: 'rate', yLabel: 'neurons' }),
      data: { values: values.map((x) => ({ x })) },
      encoding: {
        x: { field: 'x', type: 'quantitative', bin: { maxbins: 30 }, title: 'rate' },
        y: { aggregate: 'count', type: 'quantitative', title: 'neurons' },
      },
    } as never);
    const svg = await histogram({ values, title: 'r', xLabel: 'rate', yLabel: 'neurons' });
    expect(bars(svg).length).toBeGreaterThan(5);
    expect(svg).toBe(perValue);
  });
});
