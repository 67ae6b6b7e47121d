import type { Monitor, MonitorKind } from './types.js';

/**
 * Records a stateless node's values at every step (the engine's `values` hook, no graph output and no
 * readout involved): with v_t[s] the node's `size` values for sample s at step t,
 *
 *   record[(s·T + t − 1)·size + i] = v_t[s, i]
 *
 * the layout `replayEncoder` reads, so that a graph cut at that node replays them as its input. Staged
 * bias correction records a corrected layer's sums before its bias this way (its next stage adds the
 * corrected bias and runs only the layers after it). Give `record` (n·T·size values) over a
 * SharedArrayBuffer so that worker threads write into it; the result is the number of values written
 * per sample and step (`size`). A node that the engine computes once per batch (it does not vary in
 * time) or that is fused into a neuron is refused before anything runs.
 *
 * @example
 * const record = new Float32Array(new SharedArrayBuffer(n * T * 3872 * 4));
 * await simulate(g, data, { T, readout: 'none', monitors: [valueRecord({ node: 'conv2/sums', record, size: 3872 }), outputMeans()] });
 */
export function valueRecord(opts: { node: string; record: Float32Array; size: number; name?: string }): Monitor {
  return { kind: 'valueRecord', name: opts.name ?? 'valueRecord', node: opts.node, record: opts.record, size: opts.size };
}

export const valueRecordKind: MonitorKind = {
  kind: 'valueRecord',
  check(m, ctx) {
    const node = m.node as string;
    const p = ctx.plan.nodes.find((q) => q.node.name === node);
    if (!p) throw new RangeError(`valueRecord: the graph has no node '${node}'`);
    if (p.role !== 'dynamic') throw new RangeError(`valueRecord: node '${node}' is ${p.role}, not a stateless node that varies in time`);
    const size = ctx.plan.sizes.get(node) as number;
    if (m.size !== size) throw new RangeError(`valueRecord: node '${node}' has ${size} values per sample, size says ${m.size}`);
    if (!(m.record instanceof Float32Array)) throw new RangeError('valueRecord: record must be a Float32Array');
  },
  session(m, ctx) {
    const node = m.node as string;
    const record = m.record as Float32Array;
    const size = m.size as number;
    const T = ctx.T;
    return {
      wantsSpikes: () => false,
      wantsMembrane: () => false,
      wantsValues: (n) => n === node,
      spikes() {},
      membrane() {},
      values(info, out) {
        if ((info.first + info.count) * T * size > record.length)
          throw new RangeError(`valueRecord: sample ${info.first + info.count - 1} does not fit the record`);
        for (let s = 0; s < info.steps; s++)
          for (let b = 0; b < info.count; b++) {
            const from = (s * info.count + b) * size;
            record.set(out.subarray(from, from + size), ((info.first + b) * T + info.t0 - 1 + s) * size);
          }
      },
      partial: () => size,
    };
  },
  merge: (m) => m.size as number,
};
