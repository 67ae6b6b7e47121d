import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { execute, GraphBuilder, loadGraph, saveGraph, Trainer } from '../index.js';
import { qcfsTrain } from './train/qcfs.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const arr = (t: tf.Tensor) => Array.from(t.dataSync());

function qcfsGraph(shape: number[], lambda: number[], levels: number) {
  const b = new GraphBuilder();
  b.input('x', shape);
  b.add({ name: 'q', op: 'QCFS', inputs: ['x'], attrs: { levels }, params: { lambda: tf.tensor1d(lambda) } });
  return b.output('q').build();
}

describe('QCFS layer', () => {
  it('rounds to the grid λ/L and clips to [0, λ] (values by hand)', () => {
    // λ = 2, L = 4: grid step 0.5; ⌊x·2 + ½⌋ for x = 0.2, 0.3, 0.8, 1.3, 1.8 gives 0, 1, 2, 3, 4.
    const g = qcfsGraph([8], [2], 4);
    const y = execute(g, tf.tensor2d([[-1, 0.2, 0.3, 0.8, 1.3, 1.8, 2, 5]])).outputs[0];
    expect(arr(y)).toEqual([0, 0, 0.5, 1, 1.5, 2, 2, 2]);
  });

  it('per channel: λ = [2, 1] with L = 4 steps by 0.5 and 0.25', () => {
    const g = qcfsGraph([1, 2, 2], [2, 1], 4);
    // channel 0: 0.3 → 0.5, 5 → 2; channel 1: 0.3 → ⌊1.7⌋/4 = 0.25, 0.9 → ⌊4.1⌋/4 = 1.
    const y = execute(g, tf.tensor4d([0.3, 0.3, 5, 0.9], [1, 1, 2, 2])).outputs[0];
    expect(arr(y)).toEqual([0.5, 0.25, 2, 1]);
  });

  it('refuses a λ of the wrong shape or ≤ 0, and a bad L', () => {
    expect(() => qcfsGraph([3], [1, 2], 4)).toThrow(/lambda must be \[1\] or \[3\]/);
    expect(() => qcfsGraph([3], [-1], 4)).toThrow(/lambda must be finite and > 0, got -1/);
    expect(() => qcfsGraph([3], [1], 0)).toThrow(/levels must be an integer ≥ 1, got 0/);
  });

  it('straight-through gradient by hand: dx = dy·1[0 ≤ x/λ ≤ 1], dλ = Σ dy·(h(u) − u | 1 | 0)', () => {
    // λ = 2, L = 4, x = [−1, 0.3, 0.8, 5, 2]: u = [−0.5, 0.15, 0.4, 2.5, 1], h(u) = [0, 0.25, 0.5, 1, 1].
    // dλ = 1·0 + 2·(0.25 − 0.15) + 3·(0.5 − 0.4) + 4·1 + 5·(1 − 1) = 4.5; dx = dy where 0 ≤ u ≤ 1.
    const dy = tf.tensor1d([1, 2, 3, 4, 5]);
    const f = (x: tf.Tensor, lam: tf.Tensor) => tf.sum(tf.mul(qcfsTrain(x, lam, 4), dy));
    const [dx, dLam] = tf.grads(f)([tf.tensor1d([-1, 0.3, 0.8, 5, 2]), tf.tensor1d([2])]);
    expect(arr(dx)).toEqual([0, 2, 3, 0, 5]);
    expect(dLam.shape).toEqual([1]);
    expect(arr(dLam)[0]).toBeCloseTo(4.5, 5);
  });

  it('per-channel λ gets one gradient per channel', () => {
    // [N = 2, C = 2], λ = [2, 1], L = 4. ch0: u = 0.15 → 0.1, u = 2.5 → 1; ch1: u = 0.3 → 0.25 − 0.3, u = −1 → 0.
    const f = (x: tf.Tensor, lam: tf.Tensor) => tf.sum(qcfsTrain(x, lam, 4));
    const [dx, dLam] = tf.grads(f)([tf.tensor2d([0.3, 0.3, 5, -1], [2, 2]), tf.tensor1d([2, 1])]);
    expect(arr(dx)).toEqual([1, 1, 0, 0]);
    const [g0, g1] = arr(dLam);
    expect(g0).toBeCloseTo(1.1, 5);
    expect(g1).toBeCloseTo(-0.05, 5);
  });

  it('trains λ: one SGD step moves it by −η·dλ, the tensor count stays flat, and it saves and loads', () => {
    const g = qcfsGraph([5], [2], 4);
    const loss = (out: tf.Tensor) => tf.sum(tf.mul(out, tf.tensor1d([1, 2, 3, 4, 5]))) as tf.Scalar;
    const trainer = new Trainer(g, { optimizer: { kind: 'sgd', lr: 0.1 }, loss });
    const x = tf.tensor2d([[-1, 0.3, 0.8, 5, 2]]);
    const labels = tf.tensor1d([0], 'int32');
    trainer.step(x, labels);
    expect(arr(trainer.graph.node('q').params.lambda)[0]).toBeCloseTo(2 - 0.1 * 4.5, 5); // dλ = 4.5 (previous test)
    const before = tf.memory().numTensors;
    trainer.step(x, labels);
    expect(tf.memory().numTensors).toBe(before);
    const trained = trainer.snapshot();
    trainer.dispose();
    const { json, weights } = saveGraph(trained);
    const back = loadGraph(json, weights);
    expect(back.node('q').attrs).toEqual({ levels: 4 });
    expect(arr(back.node('q').params.lambda)).toEqual(arr(trained.node('q').params.lambda));
    expect(arr(execute(back, x).outputs[0])).toEqual(arr(execute(trained, x).outputs[0]));
  });

  it('trainLevels: training draws L from the list (seeded), inference keeps levels; bad lists are refused', () => {
    const b = new GraphBuilder();
    b.input('x', [4]);
    b.add({ name: 'q', op: 'QCFS', inputs: ['x'], attrs: { levels: 4, trainLevels: [2] }, params: { lambda: tf.tensor1d([2]) } });
    const g = b.output('q').build();
    const x = tf.tensor2d([[0.3, 0.8, 1.3, 1.6]]);
    // L = 2 (training): step 1, ⌊x + ½⌋ = 0, 1, 1, 2 → 0, 1, 1, 2. L = 4 (inference): step ½, ⌊2x + ½⌋/2 = 0.5, 1, 1.5, 1.5.
    expect(arr(execute(g, x, { training: true, seed: 3 }).outputs[0])).toEqual([0, 1, 1, 2]);
    expect(arr(execute(g, x).outputs[0])).toEqual([0.5, 1, 1.5, 1.5]);
    // A two-entry list: over seeds both grids occur, and each output is one of the two.
    const two = g.with({ update: { q: { attrs: { levels: 4, trainLevels: [2, 4] } } } });
    const seen = new Set<string>();
    for (let seed = 0; seed < 20; seed++) seen.add(arr(execute(two, x, { training: true, seed }).outputs[0]).join(','));
    expect([...seen].sort()).toEqual(['0,1,1,2', '0.5,1,1.5,1.5']);
    const bad = (trainLevels: unknown) => () => g.with({ update: { q: { attrs: { levels: 4, trainLevels } } } });
    expect(bad([])).toThrow(/trainLevels must be a non-empty list of integers ≥ 1, got \[\]/);
    expect(bad([2, 0.5])).toThrow(/trainLevels must be a non-empty list/);
  });
});
