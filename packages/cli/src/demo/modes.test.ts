// startModes (snn demo): converting every mode up front on one shared calibration pass, with the
// simulations queued on the workers, gives each mode exactly what converting and simulating it
// alone gives.
import { initBackend } from '@snn/backend';
import { convert } from '@snn/converter';
import { loadEmbeddedMnist, VALIDATION_FRACTION } from '@snn/datasets';
import { saveGraph } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { simulate, stopIdleWorkers } from '@snn/simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../test/helpers.js';
import { calibrationBatches } from '../calibration.js';
import { modeOption } from '../options.js';
import { trainingUse } from '../training.js';
import { validator } from '../validation.js';
import { SEARCH_BATCH, startModes } from './modes.js';

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(stopIdleWorkers);

describe('startModes', () => {
  it('each mode converted and simulated as it would be alone (max, 99.9% and 1/3 on one shared pass)', async () => {
    const ann = await importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const data = await loadEmbeddedMnist();
    const use = trainingUse(data.train, { validation: VALIDATION_FRACTION, calibrate: 300 });
    const test = { ...data.test, n: 60 };
    const modes = ['max', '99.9%', '1/3'];
    const done: string[] = [];
    const started = await startModes(
      ann,
      modes.map((mode) => ({ mode, recipe: modeOption(mode) })),
      use,
      test,
      12,
      (r) => done.push(r.mode),
    );
    expect([...started.snns.keys()]).toEqual(modes);
    const runs = await started.runs;
    expect(done).toEqual(modes); // simulated one after another, in the order given
    for (const [i, mode] of modes.entries()) {
      const { snn } = await convert(ann, calibrationBatches(use.calibration), modeOption(mode));
      const alone = await simulate(snn, test, { T: 12, workers: 1 });
      expect(runs[i].mode).toBe(mode);
      expect(runs[i].accuracy).toEqual(alone.accuracy);
      const [a, b] = [saveGraph(runs[i].snn), saveGraph(snn)]; // the same SNN: thresholds, weights and all
      expect(a.json).toBe(b.json);
      expect(Buffer.from(a.weights).equals(Buffer.from(b.weights))).toBe(true);
    }
    expect(new Set(runs.map((r) => JSON.stringify(r.accuracy))).size).toBe(3); // the modes differ: the comparison can fail
  }, 120_000);

  it("auto's validation scores at the demo's SEARCH_BATCH equal those at 200 images a batch (what snn eval uses)", async () => {
    const ann = await importOnnx(fixture('mnist_cnn_mnist.onnx'));
    const data = await loadEmbeddedMnist();
    const use = trainingUse(data.train, { validation: VALIDATION_FRACTION, calibrate: 300 });
    const { snn } = await convert(ann, calibrationBatches(use.calibration), modeOption('1/2'));
    const [small, large] = [validator(use.validation, SEARCH_BATCH), validator(use.validation, 200)];
    const a = (await small?.(snn, 16)) as { accuracy: number[] } | undefined;
    const b = (await large?.(snn, 16)) as { accuracy: number[] } | undefined;
    expect(a?.accuracy).toHaveLength(16);
    expect(a?.accuracy).toEqual(b?.accuracy); // every t, on the same 500 images
    expect(new Set(a?.accuracy).size).toBeGreaterThan(1); // a curve, not a constant
    const costed = (await large?.(snn, 16, { costs: true })) as { spikesPerImage?: number[] };
    expect(costed.spikesPerImage).toHaveLength(16); // the cost call counts spikes (what the demo skips: costs: false)
  }, 60_000);
});
