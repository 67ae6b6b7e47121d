import { countSpikes } from './firing-rate.js';
import { annMacs, fanOut, macsOf } from './macs.js';
import type { Monitor, MonitorContext, MonitorKind } from './types.js';

/** Synaptic operations of one spike source (a spiking node, or the input under a spike encoder). */
export interface SopLayer {
  node: string;
  spikesPerImage: number;
  /** Average synapses one spike of this node reaches. */
  fanOut: number;
  sopsPerImage: number;
}

/** What a `synapticOps()` monitor returns (all per image, over the T steps). */
export interface SopResult {
  T: number;
  /** Dense multiply-adds of the ANN for one inference. */
  annMacsPerImage: number;
  /** Accumulates triggered by spikes: Σ_layers spikes · fan-out. */
  sopsPerImage: number;
  /** `sopsUpTo[t − 1]`: the same over steps 1..t only; the last entry is `sopsPerImage`. */
  sopsUpTo: number[];
  /** `spikesUpTo[t − 1]`: spikes per image of every source over steps 1..t (the last entry is Σ_layers spikesPerImage). */
  spikesUpTo: number[];
  /** Multiply-adds of weighted layers fed by the analog (constant) input, at every step: T · Σ MACs. */
  analogMacsPerImage: number;
  layers: SopLayer[];
}

/**
 * Counts synaptic operations (SOPs) per image — each spike reaching a synapse is one accumulate —
 * next to the ANN's multiply-adds:
 *
 *   SOP = Σ_{layers l} N_l · f_l     (N_l spikes of layer l per image over T steps, f_l its average fan-out)
 *
 * It counts the spikes of every spiking node (and of the input under a spike encoder) times the
 * weights each reaches in the next weighted layers ({@link fanOut}: exact for Linear and for a
 * convolution's interior, an average over the borders). `sopsUpTo` gives the same sum up to each t.
 * This is the one SOP definition of snn-ts: the CLI's reports print it.
 *
 * Layers fed by the analog input (constant encoder) need multiplies: they appear as
 * `analogMacsPerImage` = T · their MACs.
 *
 * @example
 * const { monitors } = await simulate(snn, data, { T: 64, monitors: [synapticOps()] });
 */
export function synapticOps(opts: { name?: string } = {}): Monitor {
  return { kind: 'synapticOps', name: opts.name ?? 'synapticOps' };
}

function sources(ctx: MonitorContext): string[] {
  const spiking = ctx.plan.nodes.filter((p) => p.role === 'spiking').map((p) => p.node.name);
  return ctx.encoder.kind === 'constant' ? spiking : [ctx.graph.inputs[0].name, ...spiking];
}

export const synapticOpsKind: MonitorKind = {
  kind: 'synapticOps',
  session(_m, ctx) {
    const names = new Set(sources(ctx));
    // spikes per source and step (index t − 1)
    const counts = new Map<string, Float64Array>([...names].map((n) => [n, new Float64Array(ctx.T)]));
    return {
      wantsSpikes: (n) => names.has(n),
      wantsMembrane: () => false,
      spikes(info, out) {
        const into = counts.get(info.node) as Float64Array;
        const block = info.count * info.size;
        for (let s = 0; s < info.steps; s++) {
          const t = info.t0 + s - 1;
          countSpikes(info, out.subarray(s * block, (s + 1) * block), 1, into.subarray(t, t + 1));
        }
      },
      membrane() {},
      partial: () => Object.fromEntries([...counts].map(([k, v]) => [k, [...v]])),
    };
  },
  merge(_m, parts, ctx, n): SopResult {
    const perStep = sources(ctx).map((node) => {
      const c = new Array<number>(ctx.T).fill(0);
      for (const p of parts as Array<Record<string, number[]>>) for (let t = 0; t < ctx.T; t++) c[t] += p[node]?.[t] ?? 0;
      return { node, c, f: fanOut(ctx.graph, node) };
    });
    const upTo = (t: number, weigh: boolean) => perStep.reduce((s, l) => s + (l.c.slice(0, t).reduce((a, b) => a + b, 0) / n) * (weigh ? l.f : 1), 0);
    const layers = perStep.map(({ node, c, f }) => {
      const spikes = c.reduce((a, b) => a + b, 0) / n;
      return { node, spikesPerImage: spikes, fanOut: f, sopsPerImage: spikes * f };
    });
    const analog = ctx.plan.nodes.filter((p) => p.role === 'static').reduce((s, p) => s + macsOf(p.node), 0);
    return {
      T: ctx.T,
      annMacsPerImage: annMacs(ctx.graph),
      sopsPerImage: layers.reduce((s, l) => s + l.sopsPerImage, 0),
      sopsUpTo: Array.from({ length: ctx.T }, (_, t) => upTo(t + 1, true)),
      spikesUpTo: Array.from({ length: ctx.T }, (_, t) => upTo(t + 1, false)),
      analogMacsPerImage: ctx.T * analog,
      layers,
    };
  },
};
