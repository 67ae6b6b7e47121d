import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { lineChart } from '../charts/line-chart.js';
import { resolveFontFiles } from './fonts.js';
import { svgToPng, writePlot } from './png.js';

const pngSize = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset);
  return [view.getUint32(16), view.getUint32(20)]; // IHDR width, height
};
const svgSize = (svg: string) =>
  svg
    .match(/width="(\d+)" height="(\d+)"/)!
    .slice(1)
    .map(Number);

/** Dark pixels (luminance < 100) in the top `rows` pixel rows of an RGBA raster. */
function darkPixelsOnTop(rgba: Uint8Array, width: number, rows: number): number {
  let n = 0;
  for (let p = 0; p < width * rows; p++) if (0.3 * rgba[4 * p] + 0.59 * rgba[4 * p + 1] + 0.11 * rgba[4 * p + 2] < 100 && rgba[4 * p + 3] > 128) n++;
  return n;
}

describe('svgToPng', async () => {
  // a title and nothing else above the plot: what is dark in the top rows is the title's glyphs
  const svg = await lineChart({ series: [{ name: 'a', x: [0, 1], y: [0, 1] }], title: 'Spikes and firing rates of IF neurons' });

  it('writes a PNG scaled 2× by default, with the size of the SVG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-viz-'));
    const png = await svgToPng(svg, join(dir, 'sub', 'chart.png'));
    expect(Array.from(png.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const [w, h] = svgSize(svg);
    expect(pngSize(png)).toEqual([2 * w, 2 * h]);
    expect(readFileSync(join(dir, 'sub', 'chart.png')).equals(Buffer.from(png))).toBe(true);
    expect(pngSize(await svgToPng(svg, undefined, { scale: 1 }))).toEqual([w, h]);
  });

  it('renders the text: the title row has glyphs with our fonts, and none without fonts', () => {
    const [w] = svgSize(svg);
    const ours = new Resvg(svg, { font: { fontFiles: resolveFontFiles(), loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } }).render();
    const none = new Resvg(svg, { font: { loadSystemFonts: false } }).render();
    expect(darkPixelsOnTop(ours.pixels, w, 28)).toBeGreaterThan(300);
    expect(darkPixelsOnTop(none.pixels, w, 28)).toBe(0);
  });

  it('writePlot writes the .svg and the .png side by side', async () => {
    const base = join(mkdtempSync(join(tmpdir(), 'snn-viz-')), 'plots', 'rate');
    const paths = await writePlot(svg, base);
    expect(paths).toEqual({ svg: `${base}.svg`, png: `${base}.png` });
    expect(readFileSync(paths.svg, 'utf8')).toBe(svg);
    expect(existsSync(paths.png)).toBe(true);
  });

  it('names what is wrong: not an SVG, a bad scale, a missing font file', async () => {
    await expect(svgToPng('hello')).rejects.toThrow(/^svg: expected an SVG string/);
    await expect(svgToPng(svg, undefined, { scale: 0 })).rejects.toThrow(/^scale: must be a positive number/);
    await expect(svgToPng(svg, undefined, { fontFiles: ['/nonexistent/Font.ttf'] })).rejects.toThrow(/^fontFiles: not found: \/nonexistent\/Font.ttf/);
  });
});
