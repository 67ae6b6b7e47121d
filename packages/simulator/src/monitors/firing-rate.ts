import type { ChunkInfo } from '../engine/hooks.js';
import type { Monitor, MonitorContext, MonitorKind } from './types.js';

/** Firing rates of one spiking node. */
export interface NodeRates {
  /** Mean spikes per neuron per step over every sample, position and step. */
  rate: number;
  /** The same per channel (last axis of the node's shape). */
  channels: number[];
  /** Spikes the whole node fires per sample over the T steps. */
  spikesPerImage: number;
}

/** What a `firingRates()` monitor returns: spiking node → its rates. */
export type FiringRateResult = Record<string, NodeRates>;

/**
 * Records the firing rate of every spiking node (or of `nodes`), per layer and per channel:
 *
 *   r_c = (1 / (n·T·P)) Σ_{samples, t, positions} S_t[p, c]     (P positions per channel)
 *
 * @example
 * const r = await simulate(snn, data, { T: 64, monitors: [firingRates()] });
 * r.monitors.firingRates['if1'].channels; // one rate per channel
 */
export function firingRates(opts: { nodes?: string[]; name?: string } = {}): Monitor {
  return { kind: 'firingRates', name: opts.name ?? 'firingRates', nodes: opts.nodes };
}

function targets(m: Monitor, ctx: MonitorContext): string[] {
  const spiking = ctx.plan.nodes.filter((p) => p.role === 'spiking').map((p) => p.node.name);
  return (m.nodes as string[] | undefined) ?? spiking;
}

/** Spikes in a chunk per channel: an output value is s·amplitude. */
export function countSpikes(info: ChunkInfo, out: Float32Array, channels: number, into: Float64Array): void {
  const amp = info.neuron.amp;
  const binary = info.neuron.maxSpikes === 1;
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
  },
  session(m, ctx) {
    const names = new Set(targets(m, ctx));
    const counts = new Map<string, Float64Array>();
    for (const n of names) counts.set(n, new Float64Array(ctx.graph.shapeOf(n).at(-1) ?? 1));
    return {
      wantsSpikes: (node) => names.has(node),
      wantsMembrane: () => false,
      spikes(info, out) {
        const into = counts.get(info.node) as Float64Array;
        countSpikes(info, out, into.length, into);
      },
      membrane() {},
      partial: () => Object.fromEntries([...counts].map(([k, v]) => [k, [...v]])),
    };
  },
  merge(m, parts, ctx, n): FiringRateResult {
    const out: FiringRateResult = {};
    for (const node of targets(m, ctx)) {
      const shape = ctx.graph.shapeOf(node);
      const C = shape.at(-1) ?? 1;
      const positions = shape.reduce((a, b) => a * b, 1) / C;
      const sum = new Array<number>(C).fill(0);
      for (const p of parts as Array<Record<string, number[]>>) {
        for (let c = 0; c < C; c++) sum[c] += p[node][c];
      }
      const total = sum.reduce((a, b) => a + b, 0);
      out[node] = {
        rate: total / (n * ctx.T * positions * C),
        channels: sum.map((s) => s / (n * ctx.T * positions)),
        spikesPerImage: total / n,
      };
    }
    return out;
  },
};
