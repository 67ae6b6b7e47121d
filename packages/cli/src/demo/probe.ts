import { execute, type Graph } from '@snn/graph';
import { type ArraySource, type FiringRateResult, firingRates, type SopResult, simulate, spikeTrains, synapticOps, type TraceResult } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';
import { annCounterpart, pearson } from './compare.js';

/** What the report's figures show about one SNN on a few test images (all from the simulator's monitors). */
export interface ProbeResult {
  T: number;
  layers: Array<{
    node: string;
    /** The ANN node whose activation the scatter compares with (the IF node itself, or the MaxPool moved ahead of it). */
    annNode: string | undefined;
    /** Spike trains `[T][k]` of `k` sampled active neurons of the first image (`spikeTrains` monitor). */
    raster: number[][];
    /** Firing rate (spikes per step) of every neuron in every probed image (`firingRates` monitor, per neuron). */
    rates: number[];
    /** Sampled pairs: ANN activation and SNN mean output (rate·θ) of the same neuron and image. */
    pairs: { ann: number[]; snn: number[] };
    /** Pearson correlation of ANN activation and SNN mean output over all neurons and images (NaN without an ANN counterpart). */
    r: number;
  }>;
  /** The `synapticOps` monitor of the same run: SOPs per image up to each t, the ANN's MACs. */
  sops: SopResult;
}

/** θ per flat NHWC index of one sample (`C` channels last), from a spiking node's parameters. */
function thresholds(snn: Graph, node: string): (i: number) => number {
  const n = snn.node(node);
  const theta = n.params.vThreshold?.dataSync();
  const scalar = (n.attrs.neuron as { vThreshold?: number } | undefined)?.vThreshold ?? 1;
  const C = snn.shapeOf(node).at(-1) as number;
  return (i) => (theta ? theta[theta.length === 1 ? 0 : i % C] : scalar);
}

/** `k` neurons spread over the active ones (by spike count, slowest first), as `[T][k]` spike trains. */
function pickActive(trace: TraceResult, k: number, T: number): number[][] {
  const trains = trace.values[0] ?? [];
  const active = trains
    .map((row, i) => [row.reduce((a, b) => a + b, 0), i])
    .filter(([c]) => c > 0)
    .sort((a, b) => a[0] - b[0]);
  const m = Math.min(k, active.length);
  const chosen = Array.from({ length: m }, (_, j) => active[Math.floor((j * active.length) / m)][1]);
  return Array.from({ length: T }, (_, t) => chosen.map((i) => trains[i][t]));
}

/**
 * Simulates the SNN on `data` (a few images) once with the simulator's monitors — per-neuron
 * firing rates, the first image's spike trains, synaptic operations — and runs the ANN once to
 * compare each spiking node's mean output with the ANN activation it stands for.
 */
export async function probeSnn(ann: Graph, snn: Graph, data: ArraySource, T: number, neuronsPerLayer = 40): Promise<ProbeResult> {
  const spiking = snn.nodes.filter((n) => n.op === 'IF' || n.op === 'LIF').map((n) => n.name);
  const size = (n: string) => snn.shapeOf(n).reduce((a, b) => a * b, 1);
  const samples = Array.from({ length: data.n }, (_, i) => i);
  const monitors = [
    firingRates({ samples }),
    synapticOps(),
    ...spiking.map((node) => spikeTrains({ node, neurons: Array.from({ length: size(node) }, (_, i) => i), samples: [0] })),
  ];
  // batches of 4: this thread reaches its event loop between them (`snn demo` probes while its modes simulate on
  // the workers, whose replies would wait out one batch of all the images, ~1 s); the monitors count integers,
  // accumulated in one session over the batches: the same figures
  const sim = await simulate(snn, data, { T, monitors, workers: 1, batchSize: 4 });
  const rates = sim.monitors?.firingRates as FiringRateResult;
  const counterparts = spiking.map((n) => annCounterpart(ann, snn, n));
  const x = tf.tensor(data.images, [data.n, ...data.shape]);
  const taps = [...new Set(counterparts.filter((c): c is string => c !== undefined))];
  const annRun = execute(ann, x, { taps });
  x.dispose();
  const layers = spiking.map((node, l) => {
    const theta = thresholds(snn, node);
    const N = size(node);
    const perNeuron = rates[node].neurons ?? [];
    const flat = perNeuron.flat();
    const mean = flat.map((r, j) => r * theta(j % N));
    const annNode = counterparts[l];
    const a = annNode ? Array.from(annRun.taps[annNode].dataSync()) : [];
    const step = Math.max(1, Math.floor(mean.length / 1500));
    const idx = a.length ? Array.from({ length: Math.floor(mean.length / step) }, (_, i) => i * step) : [];
    return {
      node,
      annNode,
      raster: pickActive(sim.monitors?.[`spikeTrains:${node}`] as TraceResult, neuronsPerLayer, T),
      rates: flat,
      pairs: { ann: idx.map((i) => a[i]), snn: idx.map((i) => mean[i]) },
      r: a.length ? pearson(a, mean) : Number.NaN,
    };
  });
  tf.dispose([...annRun.outputs, ...Object.values(annRun.taps)]);
  return { T, layers, sops: sim.monitors?.synapticOps as SopResult };
}
