import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxAbsDiff, values } from '../../test/naive.js';
import { crossEntropy, evaluate, GraphBuilder, Trainer, trainEpoch, tutorialCnn } from '../index.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const X = [
  [1, 2, 0],
  [0, -1, 1],
];
const W = [
  [0.1, -0.2],
  [0.3, 0.1],
  [-0.1, 0.2],
];
const LABELS = [1, 0];

function linearGraph(withDropout = false) {
  const b = new GraphBuilder();
  b.input('x', [3]);
  const src = withDropout ? b.add({ name: 'drop', op: 'Dropout', inputs: ['x'], attrs: { rate: 0.5 } }) : 'x';
  b.add({ name: 'fc', op: 'Linear', inputs: [src], params: { weight: tf.tensor2d(W) } });
  return b.output('fc').build();
}

/** dL/dW of mean cross-entropy by hand: xᵀ(softmax(xW) − onehot)/N. */
function handGrad(): number[][] {
  const g = W.map((r) => r.map(() => 0));
  X.forEach((x, n) => {
    const z = [0, 1].map((j) => x.reduce((s, xi, i) => s + xi * W[i][j], 0));
    const e = z.map(Math.exp);
    const p = e.map((v) => v / (e[0] + e[1]));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) g[i][j] += (x[i] * (p[j] - (LABELS[n] === j ? 1 : 0))) / X.length;
  });
  return g;
}

describe('loss and optimisers', () => {
  it('crossEntropy matches log(1 + e^−2) for logits [2, 0], class 0, and accepts one-hot rows', () => {
    expect(crossEntropy(tf.tensor2d([[2, 0]]), tf.tensor1d([0], 'int32')).dataSync()[0]).toBeCloseTo(Math.log(1 + Math.exp(-2)), 6);
    expect(crossEntropy(tf.tensor2d([[2, 0]]), tf.tensor2d([[0, 1]])).dataSync()[0]).toBeCloseTo(Math.log(1 + Math.exp(2)), 5);
  });

  it('one SGD step moves W by −η·∂L/∂W (hand-derived gradient)', () => {
    const trainer = new Trainer(linearGraph(), { optimizer: { kind: 'sgd', lr: 0.5 } });
    trainer.step(tf.tensor2d(X), tf.tensor1d(LABELS, 'int32'));
    const want = W.flatMap((r, i) => r.map((w, j) => w - 0.5 * handGrad()[i][j]));
    expect(maxAbsDiff(trainer.graph.node('fc').params.weight.dataSync(), want)).toBeLessThan(1e-6);
    trainer.dispose();
  });

  it('one Adam step moves each weight by η·sign(∂L/∂W) (m̂/√v̂ = g/|g| at t = 1)', () => {
    const trainer = new Trainer(linearGraph(), { optimizer: { kind: 'adam', lr: 0.01 } });
    trainer.step(tf.tensor2d(X), tf.tensor1d(LABELS, 'int32'));
    const want = W.flatMap((r, i) => r.map((w, j) => w - 0.01 * Math.sign(handGrad()[i][j])));
    expect(maxAbsDiff(trainer.graph.node('fc').params.weight.dataSync(), want)).toBeLessThan(1e-6);
    trainer.dispose();
  });

  it('refuses bad optimiser specs', () => {
    expect(() => new Trainer(linearGraph(), { optimizer: { kind: 'sgd', lr: 0 } })).toThrow(/lr must be a finite number > 0/);
    expect(() => new Trainer(linearGraph(), { optimizer: { kind: 'rmsprop', lr: 1 } as never })).toThrow(/unknown optimizer kind 'rmsprop'/);
  });
});

describe('Trainer', () => {
  it('leaves the given graph alone, keeps the tensor count flat across steps, and snapshots', () => {
    const g = tutorialCnn({ seed: 1 });
    const w0 = Array.from(g.node('conv1').params.weight.dataSync());
    const trainer = new Trainer(g, { optimizer: { kind: 'adam', lr: 1e-3 } });
    const x = tf.tensor(
      values(8 * 784, 4).map((v) => (v + 1) / 2),
      [8, 28, 28, 1],
    );
    const y = tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32');
    trainer.step(x, y); // creates the optimiser's moment tensors
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) trainer.step(x, y);
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(g.node('conv1').params.weight.dataSync())).toEqual(w0);
    expect(maxAbsDiff(trainer.graph.node('conv1').params.weight.dataSync(), w0)).toBeGreaterThan(1e-4);
    // BatchNorm's running statistics moved away from their start (mean 0, var 1).
    expect(Math.max(...Array.from(trainer.graph.node('bn1').params.mean.dataSync(), Math.abs))).toBeGreaterThan(1e-3);
    const snap = trainer.snapshot();
    trainer.dispose();
    expect(snap.node('bn1').params.var.isDisposed).toBe(false);
    snap.dispose();
  });

  it('is reproducible: the same seed gives bit-identical params (with Dropout)', () => {
    const run = () => {
      const t = new Trainer(linearGraph(true), { optimizer: { kind: 'adam', lr: 0.1 }, seed: 7 });
      for (let i = 0; i < 3; i++) t.step(tf.tensor2d(X), tf.tensor1d(LABELS, 'int32'));
      const w = Array.from(t.graph.node('fc').params.weight.dataSync());
      t.dispose();
      return w;
    };
    expect(run()).toEqual(run());
  });

  it('trains the tutorial CNN (without its last ReLU) on a toy task, which quadrant is bright, to > 90%', async () => {
    const n = 400;
    const images = new Float32Array(n * 784);
    const labels = new Uint8Array(n);
    const noise = values(n * 784, 11);
    for (let s = 0; s < n; s++) {
      const q = s % 4;
      labels[s] = q;
      for (let i = 0; i < 28; i++)
        for (let j = 0; j < 28; j++) {
          const inQ = (i < 14 ? 0 : 2) + (j < 14 ? 0 : 1) === q;
          images[s * 784 + i * 28 + j] = (inQ ? 0.7 : 0) + 0.3 * Math.abs(noise[s * 784 + i * 28 + j]);
        }
    }
    const data = { images, labels, n };
    // Without the final ReLU: on 4 of its 10 classes, a class whose output starts dead (≤ 0 on
    // every sample) gets no gradient and never recovers in 24 steps.
    const trainer = new Trainer(tutorialCnn({ seed: 0 }).with({ remove: ['relu4'] }), { optimizer: { kind: 'adam', lr: 3e-3 } });
    const losses = [0, 1, 2].map((e) => trainEpoch(trainer, data, { batchSize: 50, seed: e }));
    expect(losses[2]).toBeLessThan(losses[0] / 3);
    expect((await evaluate(trainer.graph, data)).accuracy).toBeGreaterThan(0.9);
    trainer.dispose();
  });
});

describe('Trainer on cpu', () => {
  it('takes the same first step as on wasm', async () => {
    const step = async (backend: 'cpu' | 'wasm') => {
      await initBackend(backend);
      const trainer = new Trainer(tutorialCnn({ seed: 3 }), { optimizer: { kind: 'adam', lr: 1e-3 } });
      const x = tf.tensor(
        values(4 * 784, 5).map((v) => (v + 1) / 2),
        [4, 28, 28, 1],
      );
      const loss = trainer.step(x, tf.tensor1d([1, 2, 3, 4], 'int32'));
      const w = Array.from(trainer.graph.node('fc').params.weight.dataSync());
      trainer.dispose();
      return { loss, w };
    };
    const cpu = await step('cpu');
    const wasm = await step('wasm');
    expect(cpu.loss).toBeCloseTo(wasm.loss, 4);
    expect(maxAbsDiff(cpu.w, wasm.w)).toBeLessThan(1e-5);
  });
});
