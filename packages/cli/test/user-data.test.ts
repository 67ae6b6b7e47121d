// `snn eval` on the same 200 Fashion-MNIST test images given as .npz, .npy pair, IDX and image folder
// (fixtures of tools/fixtures/user_data.py), and one-line errors for bad data files.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capture, fixture } from './helpers.js';

const data = (...p: string[]) => join(import.meta.dirname, '..', '..', 'datasets', 'test', 'fixtures', ...p);
const vgg = fixture('vgg_fashion.onnx');
const forms: Record<string, string[]> = {
  npz: ['--data', data('fashion_test.npz'), '--calibration-data', data('fashion_cal.npz')],
  npy: ['--data', data('fashion_test_x.npy'), '--labels', data('fashion_test_y.npy'), '--calibration-data', data('fashion_cal.npz')],
  idx: ['--data', data('idx')],
  folder: ['--data', data('images', 'test'), '--calibration-data', data('images', 'cal')],
};

async function annAccuracy(args: string[]): Promise<number> {
  const io = capture();
  const code = await runCli(['eval', vgg, ...args, '--calibrate', '100', '--mode', '1', '--T', '1', '--json'], io);
  expect(io.err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(io.out).ann.accuracy;
}

describe('snn eval on bring-your-own data', () => {
  it('prints the same ANN accuracy for the images as .npz, .npy pair, IDX and image folder', async () => {
    const acc: Record<string, number> = {};
    for (const [form, args] of Object.entries(forms)) acc[form] = await annAccuracy(args);
    expect(acc.npz).toBeGreaterThan(0.8); // the VGG fixture scores 0.9 on all 10,000 test images
    expect(Number.isInteger(Math.round(acc.npz * 200 * 1e6) / 1e6)).toBe(true);
    expect(acc).toEqual({ npz: acc.npz, npy: acc.npz, idx: acc.npz, folder: acc.npz });
  }, 600_000);

  it('states the split it carves from a single set', async () => {
    const io = capture();
    const code = await runCli(['eval', vgg, '--data', data('fashion_test.npz'), '--calibrate', '100', '--mode', '1', '--T', '1', '--json'], io);
    expect(code).toBe(0);
    expect(io.err).toBe(
      `data: test: a class-stratified 30 % of ${data('fashion_test.npz')} (60 of 200, seed 0); calibration: the other 140 (pass --calibration-data to use all of it as test)\n`,
    );
    expect(JSON.parse(io.out).subset).toEqual({ n: 60, of: 60, rule: 'all', seed: 0 });
  }, 300_000);

  it('bad data is one line naming the file or flag, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-data-'));
    const cut = join(dir, 'cut.npy');
    writeFileSync(cut, readFileSync(data('fashion_test_x.npy')).subarray(0, 5000));
    const cases: Array<[string[], string]> = [
      [['--data', cut, '--labels', data('fashion_test_y.npy')], `${cut}: truncated: shape (200, 1, 28, 28) needs 156800 values, the file has 4872`],
      [['--data', data('fashion_test_x.npy')], `--data ${data('fashion_test_x.npy')}: an .npy of images needs its labels: --labels y.npy`],
      [['--data', data('fashion_test.npz'), '--resize', '28,28'], `--data ${data('fashion_test.npz')}: --resize and --grayscale apply to image folders only`],
      [['--data', data('fashion_test.npz'), '--scale', 'x'], '--scale x: expected a number such as 0.5 or 1/255'],
      [['--data', join(dir, 'none.npz')], `${join(dir, 'none.npz')}: no such file`],
      [
        ['--data', data('nhwc.npz'), '--calibration-data', data('nhwc.npz')],
        `${vgg}: the model expects inputs [28, 28, 1] (NHWC) but the data has [28, 1, 28]; arrays are read channels-first, [N, C, H, W] or [N, C, L] (np.transpose them)`,
      ],
      [
        ['--data', data('images', 'test'), '--calibration-data', data('images', 'cal'), '--grayscale', '--resize', '30,30'],
        `${vgg}: the model expects inputs [28, 28, 1] (NHWC) but the data has [30, 30, 1]`,
      ],
    ];
    for (const [args, message] of cases) {
      const io = capture();
      const code = await runCli(['eval', vgg, ...args, '--T', '1'], io);
      expect([code, io.err]).toEqual([2, `snn: ${message}\n`]);
      expect(io.out).toBe('');
    }
  }, 300_000);
});
