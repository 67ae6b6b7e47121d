import { describe, expect, it } from 'vitest';
import { lineChartSpec } from './charts/line-chart.js';
import { renderSvg } from './render.js';

describe('renderSvg', () => {
  const spec = lineChartSpec({ series: [{ name: 'a', x: [0, 1, 2], y: [1, 0, 1] }], title: 'same every time' });

  it('gives the same SVG for the same spec (layout from estimated text widths, no canvas)', async () => {
    const [a, b] = await Promise.all([renderSvg(spec), renderSvg(spec)]);
    expect(a).toBe(b);
    expect(a).toMatch(/^<svg[^>]* width="\d+" height="\d+"/);
  });

  it('applies the theme (white background, DejaVu Sans first) and lets a spec override it', async () => {
    const themed = await renderSvg(spec);
    expect(themed).toMatch(/<rect width="\d+" height="\d+" fill="white"\/>/);
    expect(themed).toContain('font-family="DejaVu Sans, Verdana, sans-serif"');
    const custom = await renderSvg({ ...spec, config: { font: 'serif', background: '#eeeeee' } });
    expect(custom).toContain('font-family="serif"');
    expect(custom).toContain('fill="#eeeeee"');
  });

  it('scales the picture with width and height', async () => {
    const size = (svg: string) =>
      svg
        .match(/width="(\d+)" height="(\d+)"/)!
        .slice(1)
        .map(Number);
    const [w1, h1] = size(await renderSvg(lineChartSpec({ series: [{ name: 'a', x: [0, 1], y: [0, 1] }], width: 200, height: 100 })));
    const [w2, h2] = size(await renderSvg(lineChartSpec({ series: [{ name: 'a', x: [0, 1], y: [0, 1] }], width: 300, height: 250 })));
    expect([w2 - w1, h2 - h1]).toEqual([100, 150]);
  });
});
