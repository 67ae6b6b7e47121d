import { outputOnlySession } from './output-only.js';
import type { Monitor, MonitorKind } from './types.js';

/**
 * Records the mean of every element j of the graph's output over all samples and steps:
 *
 *   m_j = (1 / (n·T)) Σ_{samples s} Σ_{t ≤ T} out_t[s, j]
 *
 * (a flat NHWC index j). With the output set to an inner node (`graph.with({ outputs: [node] })`),
 * this is that node's time-averaged activity, what layer-wise bias correction compares with the
 * ANN. Its result is a `number[]` of the output's size per sample. With `at: [t₁, t₂, …]` (steps
 * ≤ T) it holds the cumulative means up to each tᵢ instead, one block of the output's size per tᵢ,
 * in that order:  m_j(tᵢ) = (1 / (n·tᵢ)) Σ_s Σ_{t ≤ tᵢ} out_t[s, j]  — several horizons from one run.
 *
 * @example
 * const r = await simulate(snn.with({ outputs: ['conv2'] }), data, { T: 16, monitors: [outputMeans()] });
 * (r.monitors?.outputMeans as number[])[0]; // mean of conv2's first element over images and steps
 */
export function outputMeans(opts: { name?: string; at?: number[] } = {}): Monitor {
  return { kind: 'outputMeans', name: opts.name ?? 'outputMeans', ...(opts.at ? { at: [...opts.at] } : {}) };
}

const horizons = (m: Monitor, T: number): number[] => (m.at as number[] | undefined) ?? [T];

export const outputMeanKind: MonitorKind = {
  kind: 'outputMeans',
  check(m, ctx) {
    for (const t of horizons(m, ctx.T))
      if (!(Number.isInteger(t) && t >= 1 && t <= ctx.T)) throw new RangeError(`outputMeans: at must hold whole steps in [1, ${ctx.T}], got ${t}`);
  },
  session(m, ctx) {
    const at = horizons(m, ctx.T);
    let sum: Float64Array | undefined;
    return outputOnlySession(
      (info, out, same) => {
        const size = info.size;
        sum ??= new Float64Array(size * at.length);
        const blocks = same ? 1 : info.steps;
        for (let s = 0; s < blocks; s++) {
          const t = info.t0 + s; // 1-based step of this block (the first of `info.steps` equal ones when `same`)
          for (const [h, upTo] of at.entries()) {
            // Steps of this block that fall at or before the horizon.
            const weight = same ? Math.max(0, Math.min(upTo, info.t0 + info.steps - 1) - info.t0 + 1) : t <= upTo ? 1 : 0;
            if (!weight) continue;
            const o = h * size;
            for (let b = 0; b < info.count; b++) {
              const base = (s * info.count + b) * size;
              for (let j = 0; j < size; j++) sum[o + j] += weight * out[base + j];
            }
          }
        }
      },
      () => (sum ? [...sum] : []),
    );
  },
  merge(m, parts, ctx, n): number[] {
    const at = horizons(m, ctx.T);
    const all = (parts as number[][]).filter((p) => p.length);
    const out = new Array<number>(all[0]?.length ?? 0).fill(0);
    for (const p of all) for (let j = 0; j < out.length; j++) out[j] += p[j];
    const size = out.length / at.length;
    return out.map((v, j) => v / (n * at[Math.floor(j / size)]));
  },
};
