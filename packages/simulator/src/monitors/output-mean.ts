import { outputOnlySession } from './output-only.js';
import type { Monitor, MonitorKind } from './types.js';

/**
 * Records the mean of every element j of the graph's output over all samples and steps:
 *
 *   m_j = (1 / (n·T)) Σ_{samples s} Σ_{t ≤ T} out_t[s, j]
 *
 * (a flat NHWC index j). With the output set to an inner node (`graph.with({ outputs: [node] })`),
 * this is that node's time-averaged activity, what layer-wise bias correction compares with the
 * ANN. Its result is a `number[]` of the output's size per sample.
 *
 * @example
 * const r = await simulate(snn.with({ outputs: ['conv2'] }), data, { T: 16, monitors: [outputMeans()] });
 * (r.monitors?.outputMeans as number[])[0]; // mean of conv2's first element over images and steps
 */
export function outputMeans(opts: { name?: string } = {}): Monitor {
  return { kind: 'outputMeans', name: opts.name ?? 'outputMeans' };
}

export const outputMeanKind: MonitorKind = {
  kind: 'outputMeans',
  session() {
    let sum: Float64Array | undefined;
    return outputOnlySession(
      (info, out, same) => {
        const size = info.size;
        sum ??= new Float64Array(size);
        const blocks = same ? 1 : info.steps;
        const weight = same ? info.steps : 1;
        for (let s = 0; s < blocks; s++)
          for (let b = 0; b < info.count; b++) {
            const base = (s * info.count + b) * size;
            for (let j = 0; j < size; j++) sum[j] += weight * out[base + j];
          }
      },
      () => (sum ? [...sum] : []),
    );
  },
  merge(_m, parts, ctx, n): number[] {
    const all = (parts as number[][]).filter((p) => p.length);
    const out = new Array<number>(all[0]?.length ?? 0).fill(0);
    for (const p of all) for (let j = 0; j < out.length; j++) out[j] += p[j];
    return out.map((v) => v / (n * ctx.T));
  },
};
