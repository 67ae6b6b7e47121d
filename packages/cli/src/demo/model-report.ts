import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Split } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { NeuronLayer } from '@snn/neuron';
import type { ArraySource } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';
import { accuracyFigure, correlationFigures, ifVsReluFigure, rasterFigures, rateHistograms, sopsFigure } from './figures.js';
import { phase } from '../profile.js';
import { type ProbeResult, probeSnn } from './probe.js';
import { htmlTable, type ReportSection, writeFigures, writeReport } from './report.js';

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

/** A few test images, one per stretch of the (possibly class-sorted) test split: index ⌊(i + ½)·n / k⌋. */
export function probeImages(test: Split, k = 16): ArraySource {
  const per = test.shape.reduce((a, b) => a * b, 1);
  const m = Math.min(k, test.n);
  const images = new Float32Array(m * per);
  const labels: number[] = [];
  for (let i = 0; i < m; i++) {
    const j = Math.floor(((i + 0.5) * test.n) / m);
    images.set(test.images.subarray(j * per, (j + 1) * per), i * per);
    labels.push(test.labels[j]);
  }
  return { images, labels, n: m, shape: test.shape };
}

/** The steps the demo's table shows (those ≤ T, and T). */
export const SHOWN_T = [4, 8, 16, 32, 50, 64, 100, 200];

/** Accuracy table rows (percent) at the steps `shown` (each ≤ the curves' length). */
export function accuracyTable(curves: Array<{ mode: string; accuracy: number[] }>, shown: readonly number[]): { head: string[]; rows: string[][] } {
  return { head: ['mode', ...shown.map((t) => `T=${t}`)], rows: curves.map((c) => [c.mode, ...shown.map((t) => (100 * c.accuracy[t - 1]).toFixed(2))]) };
}

/** The demo's shown steps that fit in T, and T. */
export const demoSteps = (T: number): number[] => [...new Set([...SHOWN_T.filter((t) => t <= T), T])];

/** Whole operations with thousands separators: how the report prints operation counts. */
export const opsText = (v: number): string => Math.round(v).toLocaleString('en-US');

/** The cost table: the ANN's multiply-adds, the SNN's synaptic operations (synapticOps monitor), per layer. */
function costTable(p: ProbeResult): string {
  const s = p.sops;
  return htmlTable(
    ['per image', 'spikes', 'fan-out', 'operations'],
    [
      ['ANN multiply-adds (dense)', '', '', opsText(s.annMacsPerImage)],
      ...s.layers.map((l) => [`SOPs of ${l.node}`, l.spikesPerImage.toFixed(1), l.fanOut.toFixed(1), opsText(l.sopsPerImage)]),
      [`SNN synaptic operations, ${s.T} steps`, '', '', opsText(s.sopsPerImage)],
      [`multiply-adds on the analog input (${opsText(s.analogMacsPerImage / s.T)} per step × ${s.T} steps)`, '', '', opsText(s.analogMacsPerImage)],
    ],
  );
}

/**
 * Writes the report folder for one ANN and its SNN: accuracy per mode (when `curves` are given, the
 * table at `steps`), the IF-vs-ReLU idea, spike rasters, firing-rate histograms, ANN activation vs
 * SNN rate, and operations — the last four from the simulator's monitors on 16 test images for up
 * to 64 steps; `report.json` holds those numbers. Returns the files written. Timed as the
 * profile's `report` phase.
 */
export async function writeModelReport(out: string, o: ModelReportInput): Promise<string[]> {
  const { curves, steps, annAccuracy, ...rest } = o;
  const prepared = await prepareModelReport(out, rest);
  return prepared.finish(curves && annAccuracy !== undefined ? { curves, steps, annAccuracy } : undefined);
}

/** What {@link writeModelReport} shows. */
export interface ModelReportInput {
  title: string;
  intro: string;
  ann: Graph;
  snn: Graph;
  snnLabel: string;
  test: Split;
  T: number;
  curves?: Array<{ mode: string; accuracy: number[] }>;
  steps?: number[];
  annAccuracy?: number;
  /** Written into `report.json` beside the probe (the demo: which training images calibration and validation used). */
  facts?: Record<string, unknown>;
}

/** The accuracy section of a report: each mode's curve, the steps its table shows, the ANN's accuracy. */
export interface AccuracyInput {
  curves: Array<{ mode: string; accuracy: number[] }>;
  steps?: number[];
  annAccuracy: number;
}

/** A report whose SNN figures are drawn and written; `finish` adds the accuracy section (if any) and writes index.html. */
export interface PreparedReport {
  finish(accuracy?: AccuracyInput): Promise<string[]>;
}

/**
 * The part of {@link writeModelReport} that needs only the SNN: probes it, draws and writes every
 * figure but the accuracy one, and writes `report.json`. `snn demo` runs it while the modes'
 * simulations are still running, then `finish`es with their curves. Timed as the profile's `report` phase.
 */
export function prepareModelReport(out: string, o: Omit<ModelReportInput, 'curves' | 'steps' | 'annAccuracy'>): Promise<PreparedReport> {
  return phase('report', async () => {
    const images = probeImages(o.test);
    const probe = await probeSnn(o.ann, o.snn, images, Math.min(64, o.T));
    const iv = ifVsRelu();
    mkdirSync(out, { recursive: true });
    const json = join(out, 'report.json');
    const layers = probe.layers.map((l) => ({ node: l.node, annNode: l.annNode ?? null, r: Number.isNaN(l.r) ? null : l.r }));
    writeFileSync(json, `${JSON.stringify({ ...o.facts, probe: { images: images.n, T: probe.T, layers, synapticOps: probe.sops } }, null, 1)}\n`);
    const sections: ReportSection[] = [
      { heading: 'The idea', figures: [await ifVsReluFigure(iv.x, iv.rate, 128)] },
      { heading: `Spikes (${o.snnLabel})`, figures: await rasterFigures(probe) },
      { heading: `Firing rates (${o.snnLabel})`, figures: await rateHistograms(probe, images.n) },
      { heading: `ANN activation vs SNN rate (${o.snnLabel})`, figures: await correlationFigures(probe) },
      { heading: `Cost (${o.snnLabel}, ${images.n} test images, ${probe.T} steps)`, tables: [costTable(probe)], figures: [await sopsFigure(probe)] },
    ];
    const figures = sections.flatMap((s) => s.figures);
    const drawn = await writeFigures(out, figures);
    return {
      finish: (acc) =>
        phase('report', async () => {
          const table = acc ? accuracyTable(acc.curves, acc.steps ?? [o.T]) : undefined;
          const first: ReportSection[] = acc
            ? [{ heading: 'Accuracy', tables: table ? [htmlTable(table.head, table.rows)] : [], figures: [await accuracyFigure(acc.curves, acc.annAccuracy)] }]
            : [];
          const written = await writeReport(out, { title: o.title, intro: o.intro, sections: [...first, ...sections], drawn: new Set(figures) });
          return [json, ...drawn, ...written];
        }),
    };
  });
}
