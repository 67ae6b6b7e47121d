import type { Monitor, MonitorContext, MonitorKind } from './types.js';

/** Recorded values of chosen neurons of one node for chosen samples. */
export interface TraceResult {
  node: string;
  /** Sample indices in the run (0 = the first sample of the data). */
  samples: number[];
  /** Neuron indices within one sample, flat in NHWC order. */
  neurons: number[];
  /** `values[sample][neuron][t − 1]`: spike counts (spike trains) or V after the step's reset (membrane traces). */
  values: number[][][];
}

interface TraceOptions {
  /** A spiking node. */
  node: string;
  /** Flat indices within one sample (NHWC order: `(h·W + w)·C + c`). */
  neurons: number[];
  /** Sample indices in the run (default `[0]`). */
  samples?: number[];
  name?: string;
}

/**
 * Records the spike train S_t of chosen neurons (t = 1..T) for chosen samples.
 *
 * @example
 * monitors: [spikeTrains({ node: 'if1', neurons: [0, 1, 2], samples: [0, 5] })]
 */
export function spikeTrains(o: TraceOptions): Monitor {
  return { kind: 'spikeTrains', name: o.name ?? `spikeTrains:${o.node}`, node: o.node, neurons: [...o.neurons], samples: [...(o.samples ?? [0])] };
}

/**
 * Records the membrane potential V_t (after the step's fire and reset, as SpikingJelly's `v_seq`)
 * of chosen neurons for chosen samples.
 *
 * @example
 * monitors: [membraneTraces({ node: 'if1', neurons: [0], samples: [0] })]
 */
export function membraneTraces(o: TraceOptions): Monitor {
  return { kind: 'membraneTraces', name: o.name ?? `membraneTraces:${o.node}`, node: o.node, neurons: [...o.neurons], samples: [...(o.samples ?? [0])] };
}

function traceKind(kind: 'spikeTrains' | 'membraneTraces'): MonitorKind {
  const check = (m: Monitor, ctx: MonitorContext) => {
    const node = m.node as string;
    const p = ctx.plan.nodes.find((q) => q.node.name === node);
    if (!p || p.role !== 'spiking') throw new RangeError(`${kind}: '${node}' is not a spiking node`);
    const size = ctx.plan.sizes.get(node) as number;
    for (const i of m.neurons as number[])
      if (!(Number.isInteger(i) && i >= 0 && i < size)) throw new RangeError(`${kind}: neuron ${i} is outside 0..${size - 1} of '${node}'`);
    for (const s of m.samples as number[]) if (!(Number.isInteger(s) && s >= 0)) throw new RangeError(`${kind}: sample ${s} must be a non-negative integer`);
  };
  return {
    kind,
    check,
    session(m, ctx) {
      const node = m.node as string;
      const neurons = m.neurons as number[];
      const rows = new Map<number, number[][]>();
      const row = (sample: number) => {
        let r = rows.get(sample);
        if (!r) {
          r = neurons.map(() => new Array<number>(ctx.T).fill(0));
          rows.set(sample, r);
        }
        return r;
      };
      const wanted = (first: number, count: number) => (m.samples as number[]).filter((s) => s >= first && s < first + count);
      return {
        wantsSpikes: (n) => kind === 'spikeTrains' && n === node,
        wantsMembrane: (n) => kind === 'membraneTraces' && n === node,
        spikes(info, out) {
          const amp = info.neuron.amp;
          for (const sample of wanted(info.first, info.count)) {
            const r = row(sample);
            const b = sample - info.first;
            for (let s = 0; s < info.steps; s++) {
              neurons.forEach((i, k) => {
                const v = out[(s * info.count + b) * info.size + i];
                r[k][info.t0 + s - 1] = v === 0 ? 0 : Math.round(v / amp[amp.length === 1 ? 0 : i % amp.length]);
              });
            }
          }
        },
        membrane(info, step, v) {
          for (const sample of wanted(info.first, info.count)) {
            const r = row(sample);
            const b = sample - info.first;
            neurons.forEach((i, k) => {
              r[k][info.t0 + step - 1] = v[b * info.size + i];
            });
          }
        },
        partial: () => [...rows],
      };
    },
    merge(m, parts): TraceResult {
      const all = new Map<number, number[][]>();
      for (const p of parts as Array<Array<[number, number[][]]>>) for (const [s, r] of p) all.set(s, r);
      const samples = (m.samples as number[]).filter((s) => all.has(s));
      return { node: m.node as string, samples, neurons: m.neurons as number[], values: samples.map((s) => all.get(s) as number[][]) };
    },
  };
}

export const spikeTrainKind = traceKind('spikeTrains');
export const membraneTraceKind = traceKind('membraneTraces');
