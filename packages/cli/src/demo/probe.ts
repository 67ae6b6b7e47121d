import { disposeState, execute, type Graph, type GraphState } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';

/** What the demo's figures show about one SNN on a few test images. */
export interface ProbeResult {
  T: number;
  layers: Array<{
    node: string;
    /** Spike trains `[T][k]` of `k` sampled neurons of the first image. */
    raster: number[][];
    /** Firing rate (spikes per step) of every neuron of every probed image. */
    rates: Float32Array;
    /** Sampled pairs: ANN activation and SNN mean output (rate·θ) of the same neuron. */
    pairs: { ann: number[]; snn: number[] };
    /** Pearson correlation of ANN activation and SNN mean output over all neurons. */
    r: number;
  }>;
  /** Per image, cumulative synaptic operations up to each t (index t − 1), first layer's MACs included once. */
  sops: number[];
  /** Per image, the ANN's dense multiply-adds. */
  annMacs: number;
}

const SYNAPTIC = new Set(['Conv2d', 'Linear']);

/** Dense multiply-adds of one Conv2d / Linear node per image. */
function macs(g: Graph, name: string): number {
  const n = g.node(name);
  const out = n.shape.reduce((a, b) => a * b, 1);
  const w = n.params.weight.shape as number[];
  return n.op === 'Linear' ? out * w[0] : out * w[0] * w[1] * w[2];
}

/**
 * Synaptic operations of one step for a synaptic node: every non-zero input element times the
 * outputs it reaches — for Conv2d, Cout × Σ_out |{non-zero inputs in its receptive field}|, computed
 * exactly as a convolution of the input's non-zero mask with ones; for Linear, nnz(x) × out.
 */
function sopsOf(g: Graph, name: string, x: tf.Tensor): number {
  const n = g.node(name);
  return tf.tidy(() => {
    const mask = tf.cast(tf.notEqual(x, 0), 'float32');
    if (n.op === 'Linear') return tf.sum(mask).dataSync()[0] * (n.params.weight.shape as number[])[1];
    const [kh, kw, cin, cout] = n.params.weight.shape;
    const [t, l, b, r] = (n.attrs.pads as number[]) ?? [0, 0, 0, 0];
    const reach = tf.conv2d(
      mask as tf.Tensor4D,
      tf.ones([kh, kw, cin * ((n.attrs.groups as number) ?? 1), 1]) as tf.Tensor4D,
      n.attrs.strides as [number, number],
      [
        [0, 0],
        [t, b],
        [l, r],
        [0, 0],
      ],
      'NHWC',
      n.attrs.dilations as [number, number],
    );
    return tf.sum(reach).dataSync()[0] * cout;
  });
}

/** `k` neurons spread over the active ones (by spike count), as `[T][k]` spike trains. */
function pickActive(trains: number[][], k: number): number[][] {
  const total = trains[0].map((_, i) => trains.reduce((a, row) => a + row[i], 0));
  const active = total
    .map((c, i) => [c, i])
    .filter(([c]) => c > 0)
    .sort((a, b) => a[0] - b[0]);
  const chosen = Array.from({ length: Math.min(k, active.length) }, (_, j) => active[Math.floor((j * active.length) / Math.min(k, active.length))][1]);
  return trains.map((row) => chosen.map((i) => row[i]));
}

function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) [ma, mb] = [ma + a[i], mb + b[i]];
  [ma, mb] = [ma / a.length, mb / a.length];
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const [da, db] = [a[i] - ma, b[i] - mb];
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa && sbb ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * Runs the SNN step by step on `x` (a few images) with taps on every IF node and every synaptic
 * node's input, and the ANN once with taps on the same names (the converter keeps node names).
 */
export function probeSnn(ann: Graph, snn: Graph, x: tf.Tensor, T: number, neuronsPerLayer = 40): ProbeResult {
  const ifs = snn.nodes.filter((n) => n.op === 'IF').map((n) => n.name);
  const syn = snn.nodes.filter((n) => SYNAPTIC.has(n.op) && !snn.inputs.some((i) => i.name === n.inputs[0]));
  const first = snn.nodes.filter((n) => SYNAPTIC.has(n.op) && snn.inputs.some((i) => i.name === n.inputs[0]));
  const tapNames = [...new Set([...ifs, ...syn.map((n) => n.inputs[0])])];
  const B = x.shape[0];
  const sums = new Map(ifs.map((n) => [n, new Float32Array(snn.shapeOf(n).reduce((a, b) => a * b, 1) * B)]));
  const counts = new Map(ifs.map((n) => [n, new Float32Array(snn.shapeOf(n).reduce((a, b) => a * b, 1) * B)]));
  const sample = new Map(ifs.map((n) => [n, [] as number[][]]));
  const sops: number[] = [];
  let ops = first.reduce((a, n) => a + macs(snn, n.name), 0); // the constant input's layer runs once
  let state: GraphState | undefined;
  for (let t = 0; t < T; t++) {
    const r = execute(snn, x, { state, taps: tapNames });
    disposeState(state);
    state = r.state;
    for (const n of ifs) {
      const out = r.taps[n].dataSync();
      const theta = snn.node(n).params.vThreshold?.dataSync();
      const scalar = (snn.node(n).attrs.neuron as { vThreshold: number }).vThreshold;
      const c = snn.shapeOf(n).at(-1) as number;
      const s = sums.get(n)!;
      const k = counts.get(n)!;
      for (let i = 0; i < out.length; i++) {
        s[i] += out[i];
        const th = theta ? theta[i % c] : scalar;
        k[i] += out[i] / th;
      }
      // the first image's spikes at this step (counts: output / θ)
      sample.get(n)!.push(Array.from({ length: out.length / B }, (_, i) => out[i] / (theta ? theta[i % c] : scalar)));
    }
    for (const n of syn) ops += sopsOf(snn, n.name, r.taps[n.inputs[0]]) / B;
    sops.push(ops);
    tf.dispose([...r.outputs, ...Object.values(r.taps)]);
  }
  disposeState(state);
  const annRun = execute(ann, x, { taps: ifs.filter((n) => ann.has(n)) });
  const layers = ifs.map((n) => {
    const a = annRun.taps[n]?.dataSync() ?? new Float32Array(0);
    const mean = sums.get(n)!.map((v) => v / T);
    const step = Math.max(1, Math.floor(mean.length / 1500));
    const idx = Array.from({ length: Math.floor(mean.length / step) }, (_, i) => i * step);
    return {
      node: n,
      raster: pickActive(sample.get(n)!, neuronsPerLayer),
      rates: counts.get(n)!.map((v) => v / T),
      pairs: { ann: idx.map((i) => a[i]), snn: idx.map((i) => mean[i]) },
      r: a.length ? pearson(a, mean) : 0,
    };
  });
  tf.dispose([...annRun.outputs, ...Object.values(annRun.taps)]);
  const annMacs = ann.nodes.filter((n) => SYNAPTIC.has(n.op)).reduce((acc, n) => acc + macs(ann, n.name), 0);
  return { T, layers, sops, annMacs };
}
