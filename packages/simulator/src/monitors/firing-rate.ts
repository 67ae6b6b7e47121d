import type { ChunkInfo } from '../engine/hooks.js';
import type { Monitor, MonitorContext, MonitorKind } from './types.js';
import { countNonZero } from './count-nonzero.js';

/** Firing rates of one spiking node. */
export interface NodeRates {
  /** Mean spikes per neuron per step over every sample, position and step. */
  rate: number;
  /** The same per channel (last axis of the node's shape). */
  channels: number[];
  /** Spikes the whole node fires per sample over the T steps. */
  spikesPerImage: number;
  /**
   * Per neuron, for the samples asked with `samples`: `neurons[i][j]` = spikes of neuron j (flat
   * NHWC index) in sample `samples[i]` over the T steps, divided by T.
   */
  neurons?: number[][];
}

/** What a `firingRates()` monitor returns: spiking node → its rates. */
export type FiringRateResult = Record<string, NodeRates>;

/**
 * Records the firing rate of every spiking node (or of `nodes`), per layer and per channel:
 *
 *   r_c = (1 / (n·T·P)) Σ_{samples, t, positions} S_t[p, c]     (P positions per channel)
 *
 * and, for the sample indices in `samples`, per neuron: r_{s,j} = (1/T) Σ_t S_t[s, j].
 *
 * @example
 * const r = await simulate(snn, data, { T: 64, monitors: [firingRates({ samples: [0] })] });
 * r.monitors.firingRates['if1'].channels; // one rate per channel
 * r.monitors.firingRates['if1'].neurons?.[0]; // one rate per neuron of sample 0
 */
export function firingRates(opts: { nodes?: string[]; samples?: number[]; name?: string } = {}): Monitor {
  return { kind: 'firingRates', name: opts.name ?? 'firingRates', nodes: opts.nodes, samples: opts.samples ? [...opts.samples] : undefined };
}

/** Adds the spike counts of the wanted samples of a chunk to their per-neuron counts. */
function countPerNeuron(info: ChunkInfo, out: Float32Array, samples: readonly number[], into: Map<number, Float64Array>): void {
  const amp = info.neuron.amp;
  const A = amp.length;
  for (const sample of samples) {
    if (sample < info.first || sample >= info.first + info.count) continue;
    const row = into.get(sample) ?? new Float64Array(info.size);
    into.set(sample, row);
    const b = sample - info.first;
    for (let s = 0; s < info.steps; s++) {
      const base = (s * info.count + b) * info.size;
      for (let i = 0; i < info.size; i++) {
        const o = out[base + i];
        if (o !== 0) row[i] += Math.round(o / amp[A === 1 ? 0 : i % A]);
      }
    }
  }
}

function targets(m: Monitor, ctx: MonitorContext): string[] {
  const spiking = ctx.plan.nodes.filter((p) => p.role === 'spiking').map((p) => p.node.name);
  return (m.nodes as string[] | undefined) ?? spiking;
}

/** Spikes in a chunk per channel: an output value is s·amplitude. */
export function countSpikes(info: ChunkInfo, out: Float32Array, channels: number, into: Float64Array): void {
  const amp = info.neuron.amp;
  const binary = info.neuron.maxSpikes === 1;
  if (binary && channels === 1) {
    // one total (synapticOps, per step): a count of non-zeros (SIMD), no per-value channel counter or store
    into[0] += countNonZero(out);
    return;
  }
  const A = amp.length;
  for (let j = 0, c = 0; j < out.length; j++) {
    const o = out[j];
    if (o !== 0) into[c] += binary ? 1 : Math.round(o / amp[A === 1 ? 0 : c]);
    if (++c === channels) c = 0;
  }
}

export const firingRateKind: MonitorKind = {
  kind: 'firingRates',
  check(m, ctx) {
    const spiking = new Set(ctx.plan.nodes.filter((p) => p.role === 'spiking').map((p) => p.node.name));
    for (const n of targets(m, ctx))
      if (!spiking.has(n)) throw new RangeError(`firingRates: '${n}' is not a spiking node (spiking: ${[...spiking].join(', ')})`);
    for (const s of (m.samples as number[] | undefined) ?? [])
      if (!(Number.isInteger(s) && s >= 0)) throw new RangeError(`firingRates: sample ${s} must be a non-negative integer`);
  },
  session(m, ctx) {
    const names = new Set(targets(m, ctx));
    const counts = new Map<string, Float64Array>();
    for (const n of names) counts.set(n, new Float64Array(ctx.graph.shapeOf(n).at(-1) ?? 1));
    const samples = (m.samples as number[] | undefined) ?? [];
    const perNeuron = new Map([...names].map((n) => [n, new Map<number, Float64Array>()]));
    return {
      wantsSpikes: (node) => names.has(node),
      wantsMembrane: () => false,
      spikes(info, out) {
        const into = counts.get(info.node) as Float64Array;
        countSpikes(info, out, into.length, into);
        if (samples.length) countPerNeuron(info, out, samples, perNeuron.get(info.node) as Map<number, Float64Array>);
      },
      membrane() {},
      partial: () => Object.fromEntries([...counts].map(([k, v]) => [k, { channels: [...v], neurons: [...(perNeuron.get(k) ?? [])] }])),
    };
  },
  merge(m, parts, ctx, n): FiringRateResult {
    const out: FiringRateResult = {};
    for (const node of targets(m, ctx)) {
      const shape = ctx.graph.shapeOf(node);
      const C = shape.at(-1) ?? 1;
      const positions = shape.reduce((a, b) => a * b, 1) / C;
      const sum = new Array<number>(C).fill(0);
      const rows = new Map<number, Float64Array>();
      for (const p of parts as Array<Record<string, { channels: number[]; neurons: Array<[number, Float64Array]> }>>) {
        for (let c = 0; c < C; c++) sum[c] += p[node].channels[c];
        for (const [s, r] of p[node].neurons) rows.set(s, r);
      }
      const total = sum.reduce((a, b) => a + b, 0);
      out[node] = {
        rate: total / (n * ctx.T * positions * C),
        channels: sum.map((s) => s / (n * ctx.T * positions)),
        spikesPerImage: total / n,
      };
      const samples = m.samples as number[] | undefined;
      if (samples) out[node].neurons = samples.filter((s) => rows.has(s)).map((s) => Array.from(rows.get(s) as Float64Array, (c) => c / ctx.T));
    }
    return out;
  },
};
