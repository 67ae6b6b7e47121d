// Browser-safe entry: plots as SVG strings, no Node built-ins, no tensors.
export type { ChartOptions, Domain, Series } from './charts/common.js';
export { firingRates, spikeRaster, spikeRasterSpec, type SpikeRasterOptions } from './charts/spike-raster.js';
export { lineChart, lineChartSpec, type LineChartOptions } from './charts/line-chart.js';
export { scatterChart, scatterChartSpec, type ScatterChartOptions } from './charts/scatter-chart.js';
export { heatmap, heatmapSpec, type HeatmapOptions } from './charts/heatmap.js';
export { histogram, histogramSpec, type HistogramOptions } from './charts/histogram.js';
export { panels, panelsSpec } from './charts/panels.js';
export { type ChartSpec, renderSvg } from './render.js';
export { FONT, theme } from './theme.js';
export { VizInputError } from './validate.js';
