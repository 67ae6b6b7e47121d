// `snn sweep` converts as `snn eval` does: calibration on the training split less its validation part
// (never the images automatic choices are scored on), and the recipe's choices made on that part.
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capture, fixture } from './helpers.js';

describe('snn sweep', () => {
  it('calibrates on the training split less the validation split, and auto chooses on the validation split', async () => {
    const io = capture();
    const argv = ['sweep', fixture('mnist_cnn_mnist.onnx'), '--data', 'mnist', '--validation', '2%', '--mode', 'auto@4'];
    const code = await runCli([...argv, '--T', '2,4', '--limit', '20', '--json'], io);
    expect(code).toBe(0);
    const r = JSON.parse(io.out);
    // 2 % of the 7,996 embedded training images, stratified and seeded, held out; calibration sees the other 7,836
    expect(r.validation).toEqual({ fraction: 0.02, n: 160, of: 7996, rule: 'class-stratified', seed: 0 });
    expect(r.calibration).toEqual({ n: 7836, of: 7836, rule: 'all', seed: 0 });
    // the converter's own count of the images it calibrated on: auto reads the first 2,000 of the 7,836
    // (converter recipes.ts AUTO_CALIBRATION_SAMPLES; an explicit --calibrate N replaces the cap)
    expect(r.cells).toMatchObject([{ model: 'mnist_cnn_mnist', mode: 'auto@4', seed: null, calibrated: 2000 }]);
    // auto's search: every choice made on the validation split, scored around the recipe's T=4 (T/2, T, 2T, 8T)
    const choices = r.cells[0].choices;
    expect(choices.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['thresholds', 'bias-correction']));
    for (const c of choices) expect(c).toMatchObject({ by: 'validation', Ts: [2, 4, 8, 32] });
    // each pick is one of the candidates it was scored against, and there were at least two
    for (const c of choices) {
      expect(Object.keys(c.scores).length).toBeGreaterThanOrEqual(2);
      expect(Object.keys(c.scores)).toContain(String(c.picked));
    }
    expect(r.rows).toHaveLength(2);
    // spikes per image (the synapticOps monitor's spikesUpTo) grow with T, each reaching at least one synapse
    expect(r.rows[0].spikesPerImage).toBeGreaterThan(0);
    expect(r.rows[1].spikesPerImage).toBeGreaterThan(r.rows[0].spikesPerImage);
    for (const row of r.rows) expect(row.sopsPerImage).toBeGreaterThan(row.spikesPerImage);
  }, 300_000);
});
