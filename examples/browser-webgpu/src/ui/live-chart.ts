// The live view's plot of each class's running output sum over t, drawn on a canvas at every step
// (in the worker, on the OffscreenCanvas the page transferred).
// Hand-written rather than @snn/viz's lineChart: a Vega chart costs 100–400 ms to build here, far
// more than a frame, so the Vega version (rendered in the worker) comes once, when the run ends.

import type { Canvas2D } from './layer-painter.js';

/** Ten distinct colours, one per class (the prediction is drawn thicker). */
const COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Draws `history` (`[t][class]`, t = 1..) on `canvas` with x over 1..T and y over 0..max. */
export function drawLiveChart(canvas: Canvas2D, history: readonly (readonly number[])[], T: number, top: number): void {
  const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  const max = Math.max(1e-9, ...history.flat());
  const min = Math.min(0, ...history.flat());
  const x = (t: number) => 4 + ((w - 8) * (t - 1)) / Math.max(1, T - 1);
  const y = (v: number) => h - 4 - ((h - 8) * (v - min)) / (max - min);
  const classes = history[0]?.length ?? 0;
  for (let k = 0; k < classes; k++) {
    ctx.strokeStyle = COLOURS[k % COLOURS.length];
    ctx.lineWidth = k === top ? 2.5 : 1;
    ctx.beginPath();
    history.forEach((row, i) => {
      if (i === 0) ctx.moveTo(x(1), y(row[k]));
      else ctx.lineTo(x(i + 1), y(row[k]));
    });
    ctx.stroke();
  }
}
