// The search's scorer: a class-stratified order of the validation split, per-image correctness for paired races.
import { initBackend } from '@snn/backend';
import { convert } from '@snn/converter';
import { loadEmbeddedMnist } from '@snn/datasets';
import { importOnnx } from '@snn/onnx';
import { stopIdleWorkers } from '@snn/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrationBatches } from '../src/calibration.js';
import { modeOption } from '../src/options.js';
import { trainingUse } from '../src/training.js';
import { stratifiedOrder, validator } from '../src/validation.js';
import { fixture } from './helpers.js';

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(stopIdleWorkers);

describe('stratifiedOrder', () => {
  it('holds every sample once, and every prefix holds each class in proportion (±1)', () => {
    const labels = [0, 0, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2];
    const order = stratifiedOrder(labels, 3);
    expect([...order].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    const share = [4, 2, 6].map((m) => m / labels.length);
    for (let n = 1; n <= labels.length; n++) {
      const count = [0, 0, 0];
      for (const i of order.subarray(0, n)) count[labels[i]]++;
      for (const c of [0, 1, 2]) expect(Math.abs(count[c] - n * share[c])).toBeLessThanOrEqual(1);
    }
    // places (j + ½)/m_c: class 2 at 1/12, then class 0 at 1/8, class 1 and 2 at 1/4, …: the first three are classes 2, 0, 1|2
    expect(labels[order[0]]).toBe(2);
    expect(labels[order[1]]).toBe(0);
    expect(stratifiedOrder(labels, 3)).toEqual(order); // seeded
  });
});

/** What the validator answers for images and steps. */
type Answer = { accuracy: number[]; correct: Uint8Array; of: number };

describe('validator', () => {
  it('answers images [from, to) of its order at the steps asked, image by image, in agreement with its accuracy', async () => {
    const ann = await importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const data = await loadEmbeddedMnist();
    const use = trainingUse(data.train, { validation: 0.1, calibrate: 300 });
    const { snn } = await convert(ann, calibrationBatches(use.calibration), modeOption('1/2'));
    const score = validator(use.validation, 100);
    const at = [4, 16];
    const a = (await score?.(snn, 16, { images: [0, 120], at })) as unknown as Answer;
    expect(a.of).toBe(800); // the whole validation split (fewer than the race's cap)
    expect(a.correct).toHaveLength(120 * 2);
    for (const [h, t] of at.entries()) {
      let right = 0;
      for (let i = 0; i < 120; i++) right += a.correct[i * 2 + h];
      expect(right / 120).toBeCloseTo(a.accuracy[t - 1], 12);
    }
    // the next images are others; asking past the end gives none
    const b = (await score?.(snn, 16, { images: [60, 180], at })) as unknown as Answer;
    expect(Array.from(b.correct.subarray(0, 120))).toEqual(Array.from(a.correct.subarray(120)));
    const none = (await score?.(snn, 16, { images: [800, 1000], at })) as unknown as Answer;
    expect(none.correct).toHaveLength(0);
  }, 60_000);

  it("scores a delayed readout off a run of the SNN before the delay: the figures of the delayed SNN's own run", async () => {
    const ann = await importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const data = await loadEmbeddedMnist();
    const use = trainingUse(data.train, { validation: 0.1, calibrate: 300 });
    const { snn } = await convert(ann, calibrationBatches(use.calibration), modeOption('1/2'));
    const delayed = snn.with({ readout: { delay: 2 } });
    const at = [2, 3, 8, 12];
    const ask = { images: [0, 150] as [number, number], at };
    // a scorer that ran `snn` reads `delayed` off that run; a fresh one simulates `delayed` itself (the simulator's readout)
    const shared = validator(use.validation, 100);
    await shared?.(snn, 12, ask);
    const read = (await shared?.(delayed, 12, { ...ask, undelayed: snn })) as unknown as Answer;
    const simulated = (await validator(use.validation, 100)?.(delayed, 12, ask)) as unknown as Answer;
    expect(read.accuracy).toEqual(simulated.accuracy);
    expect(Array.from(read.correct)).toEqual(Array.from(simulated.correct));
    // the delay changes the readings (t > 2), so the equality above is not that of two undelayed readouts
    const plain = (await shared?.(snn, 12, ask)) as unknown as Answer;
    expect(plain.accuracy.slice(0, 2)).toEqual(read.accuracy.slice(0, 2));
    expect(plain.accuracy.slice(2)).not.toEqual(read.accuracy.slice(2));
    // read off the run it names: `undelayed` = another SNN gives that SNN's delayed figures, not this one's
    const other = (await convert(ann, calibrationBatches(use.calibration), modeOption('max'))).snn;
    const otherDelayed = (await validator(use.validation, 100)?.(other.with({ readout: { delay: 2 } }), 12, ask)) as unknown as Answer;
    await shared?.(other, 12, ask);
    const misread = (await shared?.(delayed, 12, { ...ask, undelayed: other })) as unknown as Answer;
    expect(misread.accuracy).toEqual(otherDelayed.accuracy);
    expect(misread.accuracy).not.toEqual(read.accuracy);
  }, 120_000);
});
