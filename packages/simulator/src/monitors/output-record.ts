import { outputMeanKind } from './output-mean.js';
import { outputOnlySession } from './output-only.js';
import type { Monitor, MonitorKind } from './types.js';

/**
 * Records the first `size` values of the graph's output at every step, and the cumulative means of
 * the rest, from one run: with the output o_t[s] = (r_t[s], p_t[s]) (r the first `size` values),
 *
 *   record[(s·T + t − 1)·size + i] = r_t[s, i]        m_j(tₕ) = (1 / (n·tₕ)) Σ_s Σ_{t ≤ tₕ} p_t[s, j]
 *
 * one block of p's size per horizon tₕ of `at` (default [T]), summed in the order `outputMeans` sums
 * (`size` = the whole output: the record alone, and no means).
 * Staged bias correction's output is Concat(a node to hand on, the probe): the record is what a later
 * stage replays as its input (`replayEncoder`), the means what this stage corrects by. Give `record`
 * (n·T·size values) over a SharedArrayBuffer so that worker threads write into it; its result is the
 * means (`number[]`).
 *
 * @example
 * const record = new Float32Array(new SharedArrayBuffer(n * T * 800 * 4));
 * await simulate(g, data, { T, monitors: [outputRecord({ record, size: 800, at: [16, 32] })] });
 */
export function outputRecord(opts: { record: Float32Array; size: number; at?: number[]; name?: string }): Monitor {
  return { kind: 'outputRecord', name: opts.name ?? 'outputRecord', record: opts.record, size: opts.size, ...(opts.at ? { at: [...opts.at] } : {}) };
}

const horizons = (m: Monitor, T: number): number[] => (m.at as number[] | undefined) ?? [T];

export const outputRecordKind: MonitorKind = {
  kind: 'outputRecord',
  check(m, ctx) {
    const k = m.size as number;
    const size = ctx.plan.sizes.get(ctx.plan.output) as number;
    if (!(Number.isInteger(k) && k >= 0 && k <= size)) throw new RangeError(`outputRecord: size must be a whole number in [0, ${size}], got ${k}`);
    if (!(m.record instanceof Float32Array)) throw new RangeError('outputRecord: record must be a Float32Array');
    for (const t of horizons(m, ctx.T))
      if (!(Number.isInteger(t) && t >= 1 && t <= ctx.T)) throw new RangeError(`outputRecord: at must hold whole steps in [1, ${ctx.T}], got ${t}`);
  },
  session(m, ctx) {
    const at = horizons(m, ctx.T);
    const k = m.size as number;
    const record = m.record as Float32Array;
    const T = ctx.T;
    let sum: Float64Array | undefined;
    return outputOnlySession(
      (info, out, same) => {
        const size = info.size;
        const rest = size - k;
        sum ??= new Float64Array(rest * at.length);
        const blocks = same ? 1 : info.steps;
        for (let s = 0; s < blocks; s++) {
          const t = info.t0 + s;
          for (let b = 0; b < info.count; b++) {
            const base = (s * info.count + b) * size;
            const row = ArrayBuffer.isView(out) ? (out as Float32Array).subarray(base, base + k) : Float32Array.from({ length: k }, (_, i) => out[base + i]);
            for (let u = same ? info.t0 : t; u <= (same ? info.t0 + info.steps - 1 : t); u++) record.set(row, ((info.first + b) * T + u - 1) * k);
          }
          for (const [h, upTo] of at.entries()) {
            const weight = same ? Math.max(0, Math.min(upTo, info.t0 + info.steps - 1) - info.t0 + 1) : t <= upTo ? 1 : 0;
            if (!weight) continue;
            const o = h * rest - k;
            for (let b = 0; b < info.count; b++) {
              const base = (s * info.count + b) * size;
              for (let j = k; j < size; j++) sum[o + j] += weight * out[base + j];
            }
          }
        }
      },
      () => (sum ? [...sum] : []),
    );
  },
  // the means' blocks merge as outputMeans' do (the same partial sums, one block per horizon)
  merge: (m, parts, ctx, n) => outputMeanKind.merge(m, parts, ctx, n),
};
