import type { Config } from 'vega-lite';

/**
 * Fonts: DejaVu Sans where installed (the PNG renderer is given its files), any sans-serif otherwise,
 * so an SVG looks the same in a browser and in the PNG made from it in Node.
 */
export const FONT = 'DejaVu Sans, Verdana, sans-serif';

/** The look shared by every chart: white background, dashed grid (as the tutorial's `linestyle='-.'`). */
export const theme: Config = {
  font: FONT,
  background: 'white',
  padding: 8,
  title: { fontSize: 14, fontWeight: 'normal', anchor: 'middle' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridDash: [4, 3], gridColor: '#cccccc' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  view: { stroke: '#888888' },
};
