// QCFS end to end through the CLI: `snn train --activation` user errors, and the PyTorch-trained QCFS
// tutorial CNN (tools/fixtures/export_qcfs.py) converted with `--mode qcfs`, no calibration.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capture, fixture } from './helpers.js';

const model = fixture('qcfs_cnn_mnist.onnx');
const pytorch = JSON.parse(readFileSync(fixture('qcfs_cnn_mnist.reference.json'), 'utf8'));

describe('QCFS in the CLI', () => {
  it('snn train: bad --activation, missing --output or --data exit 2 with one line', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['train', '--data', 'mnist', '--activation', 'qcfs:x', '--output', '/tmp/x'], /^snn: --activation activation 'qcfs:x': expected relu, qcfs:L/],
      [['train', '--data', 'mnist', '--activation', 'qcfs:0', '--output', '/tmp/x'], /L must be an integer in \[1, 1024\]/],
      [['train', '--data', 'mnist', '--activation', 'qcfs:8'], /^snn: --output is required/],
      [['train', '--activation', 'qcfs:8', '--output', '/tmp/x'], /^snn: --data is required/],
      [
        ['train', '--data', 'mnist', '--activation', 'qcfs:8', '--train-levels', '2,x', '--output', '/tmp/x'],
        /^snn: --train-levels 2,x: expected a comma-separated list/,
      ],
      [['train', '--data', 'mnist', '--train-levels', '2,4', '--output', '/tmp/x'], /^snn: --train-levels needs --activation qcfs:L/],
    ];
    for (const [argv, message] of cases) {
      const io = capture();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.err.split('\n')).toHaveLength(2);
      expect(io.err).toMatch(message);
    }
  });

  it('the PyTorch-trained QCFS CNN converts with θ = λ, V₀ = θ/2 (no calibration) and approaches its ANN as T grows', async () => {
    const io = capture();
    const argv = ['eval', model, '--data', 'mnist', '--validation', 'off', '--mode', 'qcfs', '--T', '4,8,32', '--limit', '300', '--json'];
    expect(await runCli(argv, io)).toBe(0);
    const r = JSON.parse(io.out);
    const acc = r.snn[0].accuracy;
    // Measured on these 300 stratified test images: ANN 97.00 %, SNN 73.0 / 92.3 / 95.7 % at T = 4 / 8 / 32.
    // Below T = L = 8 binary spikes express only T + 1 levels, hence the drop at T = 4.
    expect(r.ann.accuracy).toBeGreaterThan(0.95);
    expect(acc['32']).toBeGreaterThanOrEqual(r.ann.accuracy - 0.02);
    expect(acc['8']).toBeGreaterThan(acc['4'] + 0.1);
    expect(acc['32']).toBeGreaterThan(acc['8']);
    const c = capture();
    expect(await runCli(['convert', model, '--data', 'mnist', '--mode', 'qcfs'], c)).toBe(0);
    const layers = JSON.parse(c.out).report.layers as Array<{ op: string; source: string; threshold: number }>;
    expect(layers.map((l) => [l.op, l.source])).toEqual([
      ['QCFS', 'qcfs'],
      ['QCFS', 'qcfs'],
      ['QCFS', 'qcfs'],
    ]);
    layers.forEach((l, i) => {
      expect(l.threshold).toBeCloseTo(pytorch.lambda[i], 5);
    });
  }, 300_000);

  it('the PyTorch QCFS CNN trained with L drawn from {2, 4, 8} keeps its accuracy at T = 2 and 4 (binary spikes, no calibration)', async () => {
    const io = capture();
    const argv = [
      'eval',
      fixture('qcfs_cnn_mnist_levels.onnx'),
      '--data',
      'mnist',
      '--validation',
      'off',
      '--mode',
      'qcfs',
      '--T',
      '2,4',
      '--limit',
      '300',
      '--json',
    ];
    expect(await runCli(argv, io)).toBe(0);
    const r = JSON.parse(io.out);
    // Measured on these 300 stratified test images: ANN 96.33 %, SNN 93.67 / 95.33 % at T = 2 / 4 (the plain L = 8
    // fixture above: 73.0 % at T = 4). All 2,004: ANN 96.11 %, T = 2 94.96 %, T = 4 95.36 %.
    expect(r.ann.accuracy).toBeGreaterThan(0.95);
    expect(r.snn[0].accuracy['4']).toBeGreaterThanOrEqual(r.ann.accuracy - 0.015);
    expect(r.snn[0].accuracy['2']).toBeGreaterThan(r.ann.accuracy - 0.04);
  }, 300_000);
});
