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

/** Vega-Lite transforms giving a rect around integer cell `field`: `${field}0` = field − half, `${field}1` = field + half. */
export const cellSpan = (field: string, half: number) => [
  { calculate: `datum.${field} - ${half}`, as: `${field}0` },
  { calculate: `datum.${field} + ${half}`, as: `${field}1` },
];

/** A quantitative axis over integer cells 0..n − 1, read from the rect's start field `${cell}0`. */
export function cellAxis(cell: string, title: string, n: number, o: { reverse?: boolean; grid?: boolean } = {}) {
  return {
    field: `${cell}0`,
    type: 'quantitative' as const,
    title,
    scale: { domain: [-0.5, n - 0.5], nice: false, zero: false, ...(o.reverse ? { reverse: true } : {}) },
    axis: { ...(o.grid === false ? { grid: false } : {}), tickMinStep: 1, format: 'd' },
  };
}
