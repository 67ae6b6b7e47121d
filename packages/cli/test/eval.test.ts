// `snn eval` and `snn convert` end to end on the tutorial CNN exported by PyTorch and the embedded MNIST.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbeddedMnist } from '@snn/datasets';
import { runCli } from '../src/index.js';
import { testSubset } from '../src/data.js';
import { capture, fixture } from './helpers.js';

const cnn = fixture('mnist_cnn_mnist.onnx');
const pytorchTestAccuracy = JSON.parse(readFileSync(fixture('mnist_cnn_mnist.reference.json'), 'utf8')).ann_test_acc;

describe('snn eval', () => {
  it('prints the --json shape other tools read, with accuracy at each T per mode', async () => {
    const io = capture();
    const code = await runCli(
      ['eval', cnn, '--data', 'mnist', '--calibrate', '1000', '--mode', '0.5', '--mode', 'auto@8', '--T', '4,8', '--limit', '100', '--json'],
      io,
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(io.out);
    expect(Object.keys(r)).toEqual(['ann', 'snn', 'subset', 'calibration', 'validation', 'timing']);
    expect(r.subset).toEqual({ n: 100, of: 2004, rule: 'class-stratified', seed: 0 });
    // 10 % of the 7,996 training images held out; calibration takes 1,000 of the other 7,196
    expect(r.validation).toEqual({ fraction: 0.1, n: 800, of: 7996, rule: 'class-stratified', seed: 0 });
    expect(r.calibration).toEqual({ n: 1000, of: 7196, rule: 'class-stratified', seed: 0 });
    // auto searches on the validation split, scored at T/2, T, 2T, 8T from one run of 8T steps; 0.5 makes no choice
    expect(r.snn[0].choices).toBeUndefined();
    expect(r.snn[1].choices.map((c: { name: string }) => c.name)).toEqual(['thresholds', 'bias-correction', 'readout-delay']);
    expect(r.snn[1].choices[1]).toMatchObject({ name: 'bias-correction', by: 'validation', T: 64, Ts: [4, 8, 16, 64] });
    expect(Object.keys(r.snn[1].choices[1].scores)).toEqual(['on, ½ the start-up charge in V₀ (over 32 steps, fading after them)', 'off']);
    // raced, paired on the same validation images: the default stays unless a challenger is better beyond the noise
    expect(r.snn[1].choices[1].race).toMatchObject({ default: 'on, ½ the start-up charge in V₀ (over 32 steps, fading after them)' });
    expect(r.snn[1].choices[1].race.images.off).toBeGreaterThanOrEqual(250);
    expect(r.snn[1].choices[1].race.why).toMatch(/^('|the default)/);
    // candidates are scored on accuracy alone; the pick's spikes and SOPs are counted once, in the last choice
    const last = r.snn[1].choices.at(-1);
    const other = Object.keys(last.details).find((k) => k !== last.picked) as string;
    expect(Object.keys(last.details[other])).toEqual(['accuracy']);
    expect(Object.keys(last.details[last.picked])).toEqual(['accuracy', 'spikesPerImage', 'sopsPerImage']);
    expect(r.snn.map((s: { mode: string }) => s.mode)).toEqual(['0.5', 'auto@8']);
    expect(Object.keys(r.snn[0].accuracy)).toEqual(['4', '8']);
    // auto's pick is within two points of the ANN at T=8 on its validation images (test: 100 images, too few to
    // hold it to two points), and ahead of SpikingJelly's scale 1/2 on the test images at T=4 and T=8
    expect(last.details[last.picked].accuracy['8']).toBeGreaterThanOrEqual(r.ann.accuracy - 0.02);
    expect(r.snn[1].accuracy['4']).toBeGreaterThan(r.snn[0].accuracy['4']);
    expect(r.snn[1].accuracy['8']).toBeGreaterThan(r.snn[0].accuracy['8']);
    expect(r.timing.modes).toHaveLength(2);
    // T=4 against T=8 image by image: what is gained less what is lost is the change of the counts
    for (const m of r.snn) {
      const { T, gained, lost, z } = m.vsLongest['4'];
      expect(T).toBe(8);
      expect(gained - lost).toBe(Math.round(100 * (m.accuracy['8'] - m.accuracy['4'])));
      expect(z).toBeCloseTo(gained + lost ? (gained - lost) / Math.sqrt(gained + lost) : 0, 2);
    }
  }, 300_000);

  it('--engine reference gives the accuracy --engine fast gives, at every T', async () => {
    const run = async (engine: string) => {
      const io = capture();
      const argv = ['eval', cnn, '--data', 'mnist', '--calibrate', '200', '--mode', '99.9%', '--T', '1,3,6', '--limit', '30', '--engine', engine, '--json'];
      expect(await runCli(argv, io)).toBe(0);
      const { accuracy, vsLongest } = JSON.parse(io.out).snn[0];
      return { accuracy, vsLongest };
    };
    const fast = await run('fast');
    expect(Object.keys(fast.accuracy)).toEqual(['1', '3', '6']);
    expect(Object.keys(fast.vsLongest)).toEqual(['1', '3']);
    // the per-image changes too: the engines predict the same class for every image at every T
    expect(await run('reference')).toEqual(fast);
  }, 300_000);

  it('ANN accuracy over the whole test split equals PyTorch (97.31%)', async () => {
    const io = capture();
    await runCli(['eval', cnn, '--data', 'mnist', '--calibrate', '100', '--mode', '1', '--T', '1', '--json'], io);
    const r = JSON.parse(io.out);
    expect(r.ann.accuracy).toBeCloseTo(pytorchTestAccuracy, 12);
    expect(r.subset).toEqual({ n: 2004, of: 2004, rule: 'all', seed: 0 });
  }, 300_000);

  // The embedded test split is sorted by digit: the first 500 would be zeros and ones.
  it('--limit 500 scores a class-stratified subset: every digit, ANN within a point of the full split', async () => {
    const io = capture();
    await runCli(['eval', cnn, '--data', 'mnist', '--calibrate', '100', '--mode', '1', '--T', '1', '--limit', '500', '--json'], io);
    const r = JSON.parse(io.out);
    expect(r.subset).toEqual({ n: 500, of: 2004, rule: 'class-stratified', seed: 0 });
    expect(Math.abs(r.ann.accuracy - pytorchTestAccuracy)).toBeLessThan(0.01);
    const data = await loadEmbeddedMnist();
    const { split } = testSubset(data.test, 500);
    const perDigit = Array.from({ length: 10 }, (_, d) => split.labels.filter((l) => l === d).length);
    const whole = Array.from({ length: 10 }, (_, d) => data.test.labels.filter((l) => l === d).length);
    for (const [d, m] of perDigit.entries()) expect(Math.abs(m - (500 * whole[d]) / data.test.n)).toBeLessThan(1);
  }, 300_000);

  it('refuses bad options with one line and exit code 2', async () => {
    for (const [args, message] of [
      [['eval', cnn, '--data', 'mnist', '--mode', '1.5'], /--mode 1.5: a scale must be in \(0, 1\]/],
      [['eval', cnn, '--data', 'mnist', '--T', '8,x'], /--T 8,x: expected comma-separated positive integers/],
      [['eval', cnn, '--data', '/nonexistent'], /--data \/nonexistent: no such directory/],
      [['eval', cnn], /--data is required/],
      [['eval', 'missing.onnx', '--data', 'mnist'], /missing.onnx: no such file/],
      [['convert', cnn, '--data', 'mnist', '--mode', 'median'], /--mode median: unknown/],
    ] as const) {
      const io = capture();
      expect(await runCli([...args], io)).toBe(2);
      expect(io.err).toMatch(message);
      expect(io.err.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('snn convert --output, then snn eval of the saved SNN', () => {
  it('gives exactly the accuracies of converting in eval', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'snn-convert-')), 'cnn.snn');
    const conv = capture();
    expect(await runCli(['convert', cnn, '--data', 'mnist', '--calibrate', '300', '--mode', '99.9%', '--output', dir], conv)).toBe(0);
    expect(existsSync(join(dir, 'graph.json'))).toBe(true);
    const saved = capture();
    expect(await runCli(['eval', dir, '--data', 'mnist', '--T', '2,6', '--limit', '40', '--json'], saved)).toBe(0);
    const direct = capture();
    expect(await runCli(['eval', cnn, '--data', 'mnist', '--calibrate', '300', '--mode', '99.9%', '--T', '2,6', '--limit', '40', '--json'], direct)).toBe(0);
    const s = JSON.parse(saved.out);
    expect(s.ann).toBeNull();
    expect(s.snn[0].mode).toBe('saved');
    expect(s.snn[0].accuracy).toEqual(JSON.parse(direct.out).snn[0].accuracy);
    const again = capture();
    expect(await runCli(['eval', dir, '--data', 'mnist', '--mode', 'max'], again)).toBe(2);
    expect(again.err).toMatch(/already an SNN: --mode does not apply/);
  }, 300_000);
});

describe('--report DIR', () => {
  it('snn eval writes index.html and every figure as SVG and PNG', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'snn-report-')), 'r');
    const io = capture();
    expect(await runCli(['eval', cnn, '--data', 'mnist', '--calibrate', '200', '--mode', '0.5', '--T', '4,6', '--limit', '20', '--report', dir], io)).toBe(0);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const f of ['accuracy-vs-t', 'if-vs-relu', 'raster-1', 'rates-1', 'ann-vs-snn-1', 'sops']) {
      expect(html).toContain(`src="${f}.svg"`);
      expect(existsSync(join(dir, `${f}.png`))).toBe(true);
    }
    // the SOPs caption states the ANN's multiply-adds: 1.39 M for the tutorial CNN (ANCHORS.md)
    expect(html).toMatch(/ANN's 1\.39 M multiply-adds/);
  }, 300_000);
});

describe('snn convert', () => {
  it('prints the conversion report: folded BatchNorms, thresholds, IF nodes', async () => {
    const io = capture();
    expect(await runCli(['convert', cnn, '--data', 'mnist', '--calibrate', '500', '--mode', '99.9%'], io)).toBe(0);
    const r = JSON.parse(io.out);
    expect(r.mode).toBe('99.9%');
    expect(r.report.foldedBatchNorms).toHaveLength(3);
    expect(r.report.layers).toHaveLength(4);
    expect(r.report.outputLayer.mode).toBe('if');
    expect(r.nodes.filter((n: { op: string }) => n.op === 'IF')).toHaveLength(4);
    expect(r.nodes.some((n: { op: string }) => n.op === 'BatchNorm')).toBe(false);
  }, 300_000);
});
