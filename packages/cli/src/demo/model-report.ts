import type { Split } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { NeuronLayer } from '@snn/neuron';
import * as tf from '@tensorflow/tfjs-core';
import { accuracyFigure, correlationFigures, ifVsReluFigure, rasterFigures, rateHistograms, sopsFigure } from './figures.js';
import { probeSnn } from './probe.js';
import { htmlTable, writeReport } from './report.js';

/** The tutorial's first experiment: rate of IF neurons (soft reset) under constant input. */
export function ifVsRelu(T = 128): { x: number[]; rate: number[] } {
  const x = Array.from({ length: 35 }, (_, i) => -0.2 + 0.04 * i);
  const layer = new NeuronLayer('IF', { vThreshold: 1, vReset: null });
  const input = tf.tensor1d(x);
  const counts = new Float32Array(x.length);
  for (let t = 0; t < T; t++) {
    const s = layer.forward(input);
    const v = s.dataSync();
    for (let i = 0; i < v.length; i++) counts[i] += v[i];
    s.dispose();
  }
  input.dispose();
  layer.dispose();
  return { x, rate: Array.from(counts, (c) => c / T) };
}

/** A few test images, one per stretch of the (possibly class-sorted) test split. */
export function probeImages(test: Split, k = 16): tf.Tensor {
  const per = test.shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(k * per);
  for (let i = 0; i < k; i++) {
    const j = Math.floor(((i + 0.5) * test.n) / k);
    data.set(test.images.subarray(j * per, (j + 1) * per), i * per);
  }
  return tf.tensor4d(data, [k, ...test.shape]);
}

export const SHOWN_T = [4, 8, 16, 32, 50, 64, 100, 200];

/** Accuracy table rows (percent) at the shown T that fit. */
export function accuracyTable(curves: Array<{ mode: string; accuracy: number[] }>): { head: string[]; rows: string[][] } {
  const T = curves[0].accuracy.length;
  const shown = [...new Set([...SHOWN_T.filter((t) => t <= T), T])];
  return { head: ['mode', ...shown.map((t) => `T=${t}`)], rows: curves.map((c) => [c.mode, ...shown.map((t) => (100 * c.accuracy[t - 1]).toFixed(2))]) };
}

/**
 * Writes the report folder for one ANN and its SNN: accuracy per mode (when `curves` are given), the
 * IF-vs-ReLU idea, spike rasters, firing-rate histograms, ANN activation vs SNN rate, and operations —
 * the last four probed on 16 test images for up to 64 steps. Returns the files written.
 */
export async function writeModelReport(
  out: string,
  o: {
    title: string;
    intro: string;
    ann: Graph;
    snn: Graph;
    snnLabel: string;
    test: Split;
    T: number;
    curves?: Array<{ mode: string; accuracy: number[] }>;
    annAccuracy?: number;
  },
): Promise<string[]> {
  const x = probeImages(o.test);
  const probe = probeSnn(o.ann, o.snn, x, Math.min(64, o.T));
  x.dispose();
  const iv = ifVsRelu();
  const table = o.curves ? accuracyTable(o.curves) : undefined;
  return writeReport(out, {
    title: o.title,
    intro: o.intro,
    tables: table ? [htmlTable(table.head, table.rows)] : [],
    sections: [
      ...(o.curves && o.annAccuracy !== undefined ? [{ heading: 'Accuracy', figures: [await accuracyFigure(o.curves, o.annAccuracy)] }] : []),
      { heading: 'The idea', figures: [await ifVsReluFigure(iv.x, iv.rate, 128)] },
      { heading: `Spikes (${o.snnLabel})`, figures: await rasterFigures(probe) },
      { heading: `Firing rates (${o.snnLabel})`, figures: await rateHistograms(probe) },
      { heading: `ANN activation vs SNN rate (${o.snnLabel})`, figures: await correlationFigures(probe) },
      { heading: 'Cost', figures: [await sopsFigure(probe)] },
    ],
  });
}
