import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { resolveFontFiles } from './fonts.js';

export interface PngOptions {
  /** Pixels per SVG unit. Default 2 (sharp on screens and in documents). */
  scale?: number;
  /** .ttf/.otf files for the text; default: DejaVu Sans (see `resolveFontFiles`). */
  fontFiles?: string[];
  /** The family every font-family list falls back to. Default 'DejaVu Sans'. */
  fontFamily?: string;
}

/**
 * Renders an SVG string (from any chart here) to PNG bytes with resvg, using only the given font
 * files (system fonts are not scanned: the result is the same on every machine with those files).
 * With `path`, also writes the file (creating its folder).
 *
 * @example
 * const png = await svgToPng(await lineChart({ series }), 'out/rates.png');
 */
export async function svgToPng(svg: string, path?: string, o: PngOptions = {}): Promise<Uint8Array> {
  if (typeof svg !== 'string' || !svg.trimStart().startsWith('<svg')) throw new Error('svg: expected an SVG string (starting with <svg)');
  const scale = o.scale ?? 2;
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`scale: must be a positive number (got ${String(o.scale)})`);
  const family = o.fontFamily ?? 'DejaVu Sans';
  // An optional peer: loaded on first use, so `import '@snn/viz'` works where it is not installed.
  const { Resvg } = await import('@resvg/resvg-js').catch(() => {
    throw new Error('svgToPng needs the optional peer @resvg/resvg-js: pnpm add @resvg/resvg-js@2.6.2');
  });
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: resolveFontFiles(o.fontFiles), loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family },
  });
  const png = new Uint8Array(resvg.render().asPng());
  if (path) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, png);
  }
  return png;
}

/** Writes `<base>.svg` and `<base>.png` for one chart; returns both paths. */
export async function writePlot(svg: string, base: string, o: PngOptions = {}): Promise<{ svg: string; png: string }> {
  mkdirSync(dirname(base), { recursive: true });
  writeFileSync(`${base}.svg`, svg);
  await svgToPng(svg, `${base}.png`, o);
  return { svg: `${base}.svg`, png: `${base}.png` };
}
