/** Text and size shared by every chart. */
export interface ChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Plot area width in pixels (axes, legend and title come on top). */
  width?: number;
  /** Plot area height in pixels. */
  height?: number;
}

/** One named series of points; `x` and `y` have the same length. */
export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Draw this series dashed (line charts). */
  dash?: boolean;
}

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Axis domain: [min, max] as given, else fitted to the data. */
export type Domain = [number, number];
