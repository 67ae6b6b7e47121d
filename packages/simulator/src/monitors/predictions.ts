import { addReadoutStep, argmaxFirst } from '../engine/readout.js';
import { outputOnlySession } from './output-only.js';
import type { Monitor, MonitorKind } from './types.js';

/**
 * Records every sample's prediction at the steps `at` (each in [1, T]): the readout's own
 *
 *   ŷ_t[s] = argmax_k S_t[s, k]   (first index on ties; S_t summed in float32 as the engines do,
 *                                  from step k + 1 for a graph with a delayed readout, see `addReadoutStep`)
 *
 * (of the summed output: the default readout 'sum'), so that two SNNs can be compared image by image (paired tests, agreement with the ANN). Its result
 * is a `number[]` of n·|at| classes, sample-major: entry `s·|at| + h` is sample s's prediction at
 * `at[h]` (s = the sample's index in the run, as `first + b`).
 *
 * @example
 * const r = await simulate(snn, data, { T: 32, monitors: [predictions({ at: [8, 32] })] });
 * const p = r.monitors?.predictions as number[]; // p[2 * s + 1]: sample s's class at t = 32
 */
export function predictions(opts: { at: number[]; name?: string }): Monitor {
  return { kind: 'predictions', name: opts.name ?? 'predictions', at: [...opts.at] };
}

/** One batch's predictions: its first sample's index, its size, and count·|at| classes. */
type Block = [first: number, count: number, classes: number[]];

export const predictionsKind: MonitorKind = {
  kind: 'predictions',
  check(m, ctx) {
    const at = m.at as unknown;
    if (!Array.isArray(at) || !at.length) throw new RangeError('predictions: at must list at least one step');
    for (const t of at)
      if (!(Number.isInteger(t) && t >= 1 && t <= ctx.T)) throw new RangeError(`predictions: at must hold whole steps in [1, ${ctx.T}], got ${t}`);
  },
  session(m, ctx) {
    const at = m.at as number[];
    const delay = ctx.graph.readout?.delay ?? 0;
    const blocks: Block[] = [];
    let sum = new Float32Array(0);
    let block: Block | undefined;
    return outputOnlySession(
      (info, out, same) => {
        const K = info.size;
        if (info.t0 === 1) {
          sum = new Float32Array(info.count * K); // a new batch
          block = [info.first, info.count, new Array<number>(info.count * at.length).fill(0)];
          blocks.push(block);
        }
        const classes = (block as Block)[2];
        for (let s = 0; s < info.steps; s++) {
          const t = info.t0 + s;
          addReadoutStep(sum, out, same ? 0 : s * info.count * K, t, delay);
          for (let h = 0; h < at.length; h++) if (at[h] === t) for (let b = 0; b < info.count; b++) classes[b * at.length + h] = argmaxFirst(sum, b * K, K);
        }
      },
      () => blocks,
    );
  },
  merge(m, parts, _ctx, n): number[] {
    const h = (m.at as number[]).length;
    const all = new Array<number>(n * h).fill(0);
    for (const part of parts as Block[][]) for (const [first, count, classes] of part) for (let i = 0; i < count * h; i++) all[first * h + i] = classes[i];
    return all;
  },
};
