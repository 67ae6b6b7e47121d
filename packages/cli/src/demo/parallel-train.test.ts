import { initBackend } from '@snn/backend';
import { evaluate, execute, type Graph, Trainer, tutorialCnn } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { learningRate } from './lr-schedule.js';
import { makeStepper } from './parallel-train.js';
import { averageGrads, Replica } from './train-replica.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const SHAPE: [number, number, number, number] = [6, 28, 28, 1];
/** Three seeded batches of 6 images (pixel values in [0, 1)) with labels 0–5. */
function batch(k: number): { x: Float32Array; labels: Int32Array } {
  const x = new Float32Array(6 * 784);
  for (let i = 0; i < x.length; i++) x[i] = ((i * 7919 + k * 104729) % 1000) / 1000;
  return { x, labels: Int32Array.from([0, 1, 2, 3, 4, 5].map((c) => (c + k) % 10)) };
}

const params = (g: Graph) => g.nodes.flatMap((n) => Object.values(n.params).map((t) => Array.from(t.dataSync())));

describe('data-parallel training (snn demo)', () => {
  it('one thread: each step is Trainer.step on the whole batch, bit for bit', async () => {
    const initial = tutorialCnn({ seed: 5 });
    const stepper = await makeStepper(initial, 1e-3, 5, 1);
    const trainer = new Trainer(initial, { optimizer: { kind: 'adam', lr: 1e-3 }, seed: 5 });
    for (let k = 0; k < 2; k++) {
      const { x, labels } = batch(k);
      const [xt, yt] = [tf.tensor4d(x, SHAPE), tf.tensor1d(labels, 'int32')];
      expect(await stepper.step(x, labels, SHAPE, 1e-3, 0)).toBe(trainer.step(xt, yt));
      tf.dispose([xt, yt]);
    }
    expect(stepper.threads).toBe(1);
    expect(params(stepper.local.trainer.graph)).toEqual(params(trainer.graph));
    trainer.dispose();
    await stepper.dispose();
    initial.dispose();
  });

  it('two threads: the worker keeps an equal replica (same weights as two replicas averaged in this thread)', async () => {
    const initial = tutorialCnn({ seed: 5 });
    const stepper = await makeStepper(initial, 3e-3, 5, 2);
    expect(stepper.threads).toBe(2);
    const a = new Replica(initial, 3e-3, 5);
    const b = new Replica(initial, 3e-3, 5);
    let afterFirst = 0;
    for (let k = 0; k < 3; k++) {
      const { x, labels } = batch(k);
      const lr = learningRate('one-cycle', 3e-3, k, 3);
      const loss = await stepper.step(x, labels, SHAPE, lr, 11);
      const half = (r: Replica, from: number) => {
        const xt = tf.tensor4d(x.subarray(from * 784, (from + 3) * 784), [3, 28, 28, 1]);
        const yt = tf.tensor1d(labels.subarray(from, from + 3), 'int32');
        const out = r.grads(xt, yt, 11);
        tf.dispose([xt, yt]);
        return out;
      };
      const [ga, gb] = [half(a, 0), half(b, 3)];
      const mean = averageGrads([
        { n: 3, grads: ga.grads },
        { n: 3, grads: gb.grads },
      ]);
      a.apply(mean, lr);
      b.apply(mean, lr);
      expect(loss).toBeCloseTo((ga.loss + gb.loss) / 2, 6);
      if (k === 0) afterFirst = tf.memory().numTensors; // Adam's moments exist from the first update on
    }
    expect(tf.memory().numTensors).toBe(afterFirst);
    // this thread's replica is what the worker's would be: the same updates from the same shares
    expect(params(stepper.local.trainer.graph)).toEqual(params(a.trainer.graph));
    await stepper.dispose();
    for (const r of [a, b]) r.dispose();
    initial.dispose();
  });

  it("two threads, each step's worker share posted ahead by the step before: the same losses and weights, bit for bit", async () => {
    const initial = tutorialCnn({ seed: 5 });
    const [plain, ahead] = [await makeStepper(initial, 3e-3, 5, 2), await makeStepper(initial, 3e-3, 5, 2)];
    const b = [0, 1, 2].map((k) => ({ ...batch(k), shape: SHAPE, seed: 11 + k }));
    for (let k = 0; k < 3; k++) {
      const lr = learningRate('one-cycle', 3e-3, k, 3);
      const a = await plain.step(b[k].x, b[k].labels, SHAPE, lr, b[k].seed);
      expect(await ahead.step(b[k].x, b[k].labels, SHAPE, lr, b[k].seed, b[k + 1])).toBe(a);
    }
    expect(params(ahead.local.trainer.graph)).toEqual(params(plain.local.trainer.graph));
    for (const s of [plain, ahead]) await s.dispose();
    initial.dispose();
  });

  it("evaluate on two threads counts as evaluate(this thread's graph): 700 images = 500 here + 200 on the worker, this thread's running statistics", async () => {
    const initial = tutorialCnn({ seed: 5 });
    const stepper = await makeStepper(initial, 3e-3, 5, 2);
    for (let k = 0; k < 2; k++) await stepper.step(batch(k).x, batch(k).labels, SHAPE, 3e-3, 3); // the replicas' running statistics now differ
    const images = new Float32Array(700 * 784);
    for (let i = 0; i < images.length; i++) images[i] = ((i * 7919) % 997) / 997;
    const z = tf.tidy(() => tf.argMax(tf.reshape(execute(stepper.local.trainer.graph, tf.tensor4d(images, [700, 28, 28, 1])).outputs[0], [700, 10]), -1));
    const own = Uint8Array.from(z.dataSync()); // this thread's own predictions: every one counts as correct
    z.dispose();
    const labels = own.map((y, i) => (i % 7 === 0 ? (y + 1) % 10 : y)); // 100 wrong, spread over both parts
    const data = { images, labels, n: 700, shape: [28, 28, 1] as [number, number, number] };
    const want = await evaluate(stepper.local.trainer.graph, data);
    expect(want.correct).toBe(600);
    expect(await stepper.evaluate(data)).toBe(want.accuracy);
    await stepper.dispose();
    initial.dispose();
  });

  it('averageGrads weighs each share by its images: (2·[1, 4] + 1·[4, 1]) / 3 = [2, 3]', () => {
    const g = averageGrads([
      { n: 2, grads: [Float32Array.of(1, 4)] },
      { n: 1, grads: [Float32Array.of(4, 1)] },
    ]);
    expect(Array.from(g[0])).toEqual([2, 3]);
  });
});
