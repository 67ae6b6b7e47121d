// Every user mistake: exit 2, one line on stderr naming it, no stack, nothing written — before the work.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { writeGraph } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capture, fixture, inputFile } from './helpers.js';

const cnn = fixture('mnist_cnn_mnist.onnx');
const tmp = () => mkdtempSync(join(tmpdir(), 'snn-errors-'));

/** Runs argv and checks the refusal: exit 2, stdout empty, exactly `snn: <message>` and a newline on stderr. */
async function refused(argv: string[], message: string | RegExp): Promise<void> {
  const io = capture();
  expect(await runCli(argv, io)).toBe(2);
  expect(io.out).toBe('');
  expect(io.err.split('\n')).toHaveLength(2);
  expect(io.err).not.toMatch(/\n\s+at /);
  if (typeof message === 'string') expect(io.err).toBe(`snn: ${message}\n`);
  else expect(io.err).toMatch(message);
}

describe('options are refused by name before anything is loaded', () => {
  // The model does not exist: an option error that wins shows the options are checked first.
  const missing = '/no/such/model.onnx';
  it.each([
    [['eval', missing, '--data', 'mnist', '--T', '-3'], '--T -3: expected comma-separated positive integers such as 8,16,32'],
    [['eval', missing, '--data', 'mnist', '--mode', '99.9'], '--mode 99.9: a scale must be in (0, 1]; did you mean 99.9%?'],
    [['eval', missing, '--data', 'mnist', '--mode', '1.5'], '--mode 1.5: a scale must be in (0, 1]'],
    [['eval', missing, '--data', 'mnist', '--mode', 'auto@0'], '--mode auto@0: auto@T needs T a whole number of steps in [1, 100000]'],
    [
      ['convert', missing, '--data', 'mnist', '--mode', 'median'],
      /^snn: --mode median: unknown; use max, .*auto, auto@T, or a named recipe: auto-burst, spikingjelly-max, /,
    ],
    [['convert', missing, '--data', 'mnist', '--mode', 'max', '--mode', 'auto'], 'convert takes one --mode, got 2 (max, auto); snn eval compares modes'],
    [['eval', missing, '--data', 'mnist', '--calibrate', '0'], '--calibrate 0: expected a positive integer'],
    [['convert', missing, '--data', 'mnist', '--calibrate', 'all'], '--calibrate all: expected a positive integer'],
    [['eval', missing, '--data', 'mnist', '--bias-correction', 'some'], '--bias-correction some: expected a number of images (a positive integer) or off'],
    [['eval', missing, '--data', 'mnist', '--readout-delay', '-1'], '--readout-delay -1: expected a number of steps (an integer >= 0) or estimate'],
    [['eval', missing, '--data', 'mnist', '--validation', '0%'], '--validation 0%: expected a share of the training split such as 10%, or off'],
    [['eval', missing, '--data', 'mnist', '--limit', '-5'], '--limit -5: expected a positive integer'],
    [['eval', missing, '--data', 'mnist', '--engine', 'gpu'], '--engine gpu: expected fast or reference'],
  ])('%j', async (argv, message) => {
    await refused(argv, message);
  });

  it('auto is listed once among the modes', async () => {
    const io = capture();
    await runCli(['eval', missing, '--mode', 'nope'], io);
    expect(io.err.match(/\bauto\b(?![@-])/g)).toHaveLength(1);
  });
});

describe('sizes are checked against the data before converting', () => {
  it.each([
    [['eval', cnn, '--data', 'mnist', '--calibrate', '9000'], '--calibrate 9000: the training split less its 10% validation part has 7196 images'],
    [['convert', cnn, '--data', 'mnist', '--calibrate', '9000', '--validation', 'off'], '--calibrate 9000: the training split has 7996 images'],
    [['eval', cnn, '--data', 'mnist', '--calibrate', '100', '--bias-correction', '200'], '--bias-correction 200: calibration has 100 images'],
  ])('%j', async (argv, message) => {
    await refused(argv, message);
  });
});

describe('output paths are checked before converting, and nothing is overwritten without --force', () => {
  it('--output or --report under a file, or an existing non-empty folder', async () => {
    const dir = tmp();
    const file = join(dir, 'a-file');
    writeFileSync(file, 'keep me');
    await refused(
      ['convert', cnn, '--data', 'mnist', '--output', join(file, 'm.snn')],
      `--output ${join(file, 'm.snn')}: cannot be created, ${file} is a file`,
    );
    await refused(['convert', cnn, '--data', 'mnist', '--report', file], `--report ${file}: is a file, not a folder`);
    const full = join(dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'graph.json'), '{}');
    await refused(['convert', cnn, '--data', 'mnist', '--output', full], `--output ${full}: already exists and is not empty; pass --force to overwrite it`);
    await refused(['eval', cnn, '--data', 'mnist', '--report', full], `--report ${full}: already exists and is not empty; pass --force to overwrite it`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect(readdirSync(full)).toEqual(['graph.json']);
    expect(readFileSync(join(full, 'graph.json'), 'utf8')).toBe('{}');
  });

  it('snn infer --output: an existing file needs --force; a missing folder is named once', async () => {
    const { path, dir } = inputFile('mnist_cnn_mnist', 1);
    const out = join(dir, 'out.json');
    writeFileSync(out, 'old');
    await refused(['infer', cnn, '--input', path, '--output', out], `--output ${out}: already exists; pass --force to overwrite it`);
    expect(readFileSync(out, 'utf8')).toBe('old');
    const io = capture();
    expect(await runCli(['infer', cnn, '--input', path, '--output', out, '--force'], io)).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).shape).toEqual([1, 10]);
    const deep = join(dir, 'no', 'out.json');
    await refused(['infer', cnn, '--input', path, '--output', deep], `--output ${deep}: its folder does not exist`);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});

describe('models the converter refuses', () => {
  it('a Clip(−1, 1) (PyTorch Hardtanh) is one line naming the node, exit 2', async () => {
    await initBackend('wasm'); // importOnnx makes tensors: do not rely on an earlier test's backend
    const g = importOnnx(fixture('flatten_clip_net.onnx'));
    const dir = join(tmp(), 'hardtanh');
    await writeGraph(g.with({ update: { '/net/net.1/Clip': { attrs: { min: -1, max: 1 } } } }), dir);
    const out = join(tmp(), 'out.snn');
    await refused(
      ['convert', dir, '--data', 'mnist', '--calibrate', '100', '--output', out],
      /^snn: cannot convert node '\/net\/net\.1\/Clip' \(Clip min=-1 max=1\): only ReLU, QCFS and Clip\(0, λ\) activations become IF neurons \(other ops run only as an ANN: execute\(\), snn infer\)\n$/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
