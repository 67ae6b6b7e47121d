// The live view's drawing, DOM-free: every spiking layer's canvases and the running-output plot,
// drawn in the worker into the OffscreenCanvases the page transferred to it. What goes back to the
// page per step is a few numbers (the running sum, each layer's spike count), not pixels.
import { argmax, type StepResult } from '../pipeline.js';
import { type LayerCanvases, type LayerStep, LayerPainter, layerGrid } from './layer-painter.js';
import { drawLiveChart } from './live-chart.js';

/** The canvases the page hands over (transferred) for one live run: per spiking layer, and the plot. */
export interface LiveCanvases {
  layers: Record<string, LayerCanvases>;
  chart: OffscreenCanvas;
}

/** One drawn step, as the page gets it: the running output sum and each layer's figures. */
export interface LiveStep {
  t: number;
  sum: number[];
  layers: Record<string, LayerStep>;
}

/** Draws a live run step by step into the transferred canvases. */
export class LiveView {
  private readonly painters: Array<[string, LayerPainter]>;
  private readonly history: number[][] = [];

  constructor(
    spiking: ReadonlyArray<{ name: string; shape: readonly number[] }>,
    private readonly canvases: LiveCanvases,
    private readonly T: number,
  ) {
    this.painters = spiking.map((s) => {
      const c = canvases.layers[s.name];
      if (!c) throw new Error(`live view: no canvases for layer ${s.name}`);
      return [s.name, new LayerPainter(layerGrid(s.shape), c.map, c.raster)];
    });
  }

  /** Draws step `r` (first image of the batch) and returns what the page shows as text. */
  draw(r: StepResult): LiveStep {
    const sum = r.sum[0];
    this.history.push(sum);
    const layers: Record<string, LayerStep> = {};
    for (const [name, p] of this.painters) layers[name] = p.update(r.t, r.spikes[name]);
    drawLiveChart(this.canvases.chart, this.history, this.T, argmax(sum));
    return { t: r.t, sum, layers };
  }
}
