import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder, reestimateBatchNorm } from '../index.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** x [1] → QCFS (λ = 1, L = `levels`) → BatchNorm with running μ = 7, σ² = 9 (stale on purpose). */
function qcfsBn(levels: number, trainLevels?: number[]) {
  const b = new GraphBuilder();
  b.input('x', [1]);
  b.add({ name: 'q', op: 'QCFS', inputs: ['x'], attrs: { levels, ...(trainLevels ? { trainLevels } : {}) }, params: { lambda: tf.tensor1d([1]) } });
  const p = { gamma: tf.tensor1d([1]), beta: tf.tensor1d([0]), mean: tf.tensor1d([7]), var: tf.tensor1d([9]) };
  b.add({ name: 'bn', op: 'BatchNorm', inputs: ['q'], attrs: { eps: 1e-3, momentum: 0.1 }, params: p });
  return b.output('bn').build();
}
const data = { images: new Float32Array([0.1, 0.3, 0.6, 0.9]), labels: [0, 0, 0, 0], n: 4 };
const stats = (g: ReturnType<typeof qcfsBn>) => [g.node('bn').params.mean.dataSync()[0], g.node('bn').params.var.dataSync()[0]];

describe('reestimateBatchNorm', () => {
  it('one batch: running μ, σ² become the batch mean and unbiased variance of the data at L (by hand)', () => {
    // L = 2: ⌊2x + ½⌋/2 of 0.1, 0.3, 0.6, 0.9 = 0, 0.5, 0.5, 1: mean 0.5, Σ(y − 0.5)² = 0.5, unbiased 0.5/3.
    const [m2, v2] = stats(reestimateBatchNorm(qcfsBn(2), data, { batchSize: 4 }));
    expect(m2).toBeCloseTo(0.5, 6);
    expect(v2).toBeCloseTo(0.5 / 3, 6);
    // L = 4: ⌊4x + ½⌋/4 = 0, 0.25, 0.5, 1: mean 0.4375, Σ(y − μ)² = 0.19140625 + 0.03515625 + 0.00390625 + 0.31640625.
    const [m4, v4] = stats(reestimateBatchNorm(qcfsBn(4), data, { batchSize: 4 }));
    expect(m4).toBeCloseTo(0.4375, 6);
    expect(v4).toBeCloseTo(0.546875 / 3, 6);
  });

  it('several batches: the cumulative average of the batch statistics (momentum 1/k), old stats gone', () => {
    // L = 2, batches [0, 0.5] and [0.5, 1]: means 0.25, 0.75 → 0.5; unbiased variances 0.125, 0.125 → 0.125.
    const [m, v] = stats(reestimateBatchNorm(qcfsBn(2), data, { batchSize: 2 }));
    expect(m).toBeCloseTo(0.5, 6);
    expect(v).toBeCloseTo(0.125, 6);
  });

  it('QCFS runs at its inference levels, not a drawn trainLevels grid', () => {
    // levels 4 with trainLevels [2]: the L = 4 statistics above, not L = 2's 0.5.
    const [m] = stats(reestimateBatchNorm(qcfsBn(4, [2]), data, { batchSize: 4 }));
    expect(m).toBeCloseTo(0.4375, 6);
  });

  it('opts.levels: QCFS runs at that L for the statistics, the graph keeps its own levels', () => {
    // levels 4 re-estimated at L = 2: L = 2's mean 0.5 and variance 0.5/3 from the first case.
    const r = reestimateBatchNorm(qcfsBn(4), data, { batchSize: 4, levels: 2 });
    const [m, v] = stats(r);
    expect(m).toBeCloseTo(0.5, 6);
    expect(v).toBeCloseTo(0.5 / 3, 6);
    expect(r.node('q').attrs).toEqual({ levels: 4 });
  });

  it('keeps tensors flat: two new tensors per BatchNorm, the input graph unchanged', () => {
    const g = qcfsBn(2);
    const before = tf.memory().numTensors;
    const r = reestimateBatchNorm(g, data, { batchSize: 1 });
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(stats(g)).toEqual([7, 9]);
    expect(r.node('bn').params.gamma).toBe(g.node('bn').params.gamma);
  });

  it('refuses a graph with Dropout', () => {
    const b = new GraphBuilder();
    b.input('x', [1]);
    b.add({ name: 'd', op: 'Dropout', inputs: ['x'], attrs: { rate: 0.5 } });
    expect(() => reestimateBatchNorm(b.output('d').build(), data, { batchSize: 2 })).toThrow(/Dropout/);
  });
});
