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
    const counts = new Map<string, Float64Array>([...names].map((n) => [n, new Float64Array(1)]));
    return {
      wantsSpikes: (n) => names.has(n),
      wantsMembrane: () => false,
      spikes(info, out) {
        countSpikes(info, out, 1, counts.get(info.node) as Float64Array);
      },
      membrane() {},
      partial: () => Object.fromEntries([...counts].map(([k, v]) => [k, v[0]])),
    };
  },
  merge(_m, parts, ctx, n): SopResult {
    const layers = sources(ctx).map((node) => {
      const spikes = (parts as Array<Record<string, number>>).reduce((s, p) => s + (p[node] ?? 0), 0) / n;
      const f = fanOut(ctx.graph, node);
      return { node, spikesPerImage: spikes, fanOut: f, sopsPerImage: spikes * f };
    });
    const analog = ctx.plan.nodes.filter((p) => p.role === 'static').reduce((s, p) => s + macsOf(p.node), 0);
    return {
      T: ctx.T,
      annMacsPerImage: annMacs(ctx.graph),
      sopsPerImage: layers.reduce((s, l) => s + l.sopsPerImage, 0),
      analogMacsPerImage: ctx.T * analog,
      layers,
    };
  },
};
