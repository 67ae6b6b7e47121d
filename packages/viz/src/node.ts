// Node entry: everything the browser entry has, plus PNG output through resvg.
export * from './index.js';
export { FONT_CANDIDATES, resolveFontFiles } from './node/fonts.js';
export { type PngOptions, svgToPng, writePlot } from './node/png.js';
