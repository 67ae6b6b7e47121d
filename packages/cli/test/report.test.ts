// The report's figures on a max-pool model exported by PyTorch (VGG on Fashion-MNIST): like is
// compared with like, and every cost number is the simulator's synapticOps monitor.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { convert } from '@snn/converter';
import { DEBIAN_FASHION_MNIST_DIR } from '@snn/datasets';
import { type SopResult, simulate, synapticOps } from '@snn/simulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { opsText, probeImages, writeModelReport } from '../src/demo/model-report.js';
import { runCli } from '../src/index.js';
import { calibrationBatches, loadData, loadModel, modeOption } from '../src/pipeline.js';
import { capture, fixture } from './helpers.js';

const haveFashion = existsSync(join(DEBIAN_FASHION_MNIST_DIR, 't10k-images-idx3-ubyte.gz'));
if (!haveFashion) console.warn(`report.test: skipped, ${DEBIAN_FASHION_MNIST_DIR} missing (apt-get install dataset-fashion-mnist)`);

beforeAll(async () => {
  await initBackend('wasm');
});

describe.skipIf(!haveFashion)('report on vgg_fashion.onnx (MaxPool after every conv ReLU)', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'snn-report-vgg-')), 'r');
  const T = 16;
  let state: { sops: SopResult; report: { probe: { layers: Array<{ node: string; annNode: string | null; r: number }>; synapticOps: SopResult } } };

  beforeAll(async () => {
    const ann = await loadModel(fixture('vgg_fashion.onnx'));
    const data = await loadData('fashion-mnist');
    const { snn } = await convert(ann, calibrationBatches(data.train, 500), modeOption('99.9%'));
    const test = { ...data.test, n: 300 };
    await writeModelReport(dir, { title: 't', intro: 'i', ann, snn, snnLabel: '99.9%', test, T });
    // the same model and images, simulated on their own with the monitor
    const sim = await simulate(snn, probeImages(test), { T, monitors: [synapticOps()] });
    state = { sops: sim.monitors?.synapticOps as SopResult, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) };
  }, 300_000);

  it('the first layer is compared with the ANN after its MaxPool, r > 0.9 (was 0.000: 28×28 vs 14×14)', () => {
    const [first] = state.report.probe.layers;
    expect(first.annNode).toMatch(/MaxPool/);
    expect(first.r).toBeGreaterThan(0.9);
    // every spiking layer has its ANN counterpart (the ReLU itself where no pool moved)
    expect(state.report.probe.layers.map((l) => l.annNode === l.node || /MaxPool/.test(l.annNode ?? ''))).toEqual([true, true, true, true]);
  });

  it("the report's SOP figure is the synapticOps monitor's, in report.json, the cost table and the caption", () => {
    expect(state.report.probe.synapticOps).toEqual(state.sops);
    expect(state.sops.sopsUpTo.at(-1)).toBe(state.sops.sopsPerImage);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain(`<td>${opsText(state.sops.sopsPerImage)}</td>`);
    expect(html).toContain(`${(state.sops.sopsPerImage / 1e6).toFixed(2)} M after ${T} steps`);
  });

  it('says when the SNN does more operations than the ANN (here it does: VGG fires densely)', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const cross = state.sops.sopsUpTo.findIndex((v) => v > state.sops.annMacsPerImage);
    expect(cross).toBeGreaterThanOrEqual(0);
    expect(html).toContain(`they pass them at t = ${cross + 1}`);
    expect(html).not.toMatch(/makes SNNs cheap/);
  });

  it('histograms count neuron × image', () => {
    expect(readFileSync(join(dir, 'rates-1.svg'), 'utf8')).toContain('>neuron × image</text>');
  });
});

describe('snn eval --report', () => {
  it('shows the accuracy at the T asked for, no other column', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'snn-report-t-')), 'r');
    const io = capture();
    const args = [
      'eval',
      fixture('mnist_cnn_mnist.onnx'),
      '--data',
      'mnist',
      '--calibrate',
      '200',
      '--mode',
      'auto',
      // auto's defaults, no search on validation images: this case is about the report's columns and caption
      // (auto's search is eval.test's and sweep.test's); the search made it 72 s of CI
      '--validation',
      'off',
      '--T',
      '3,7',
      '--limit',
      '20',
      '--report',
      dir,
    ];
    expect(await runCli(args, io)).toBe(0);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<tr><th>mode</th><th>T=3</th><th>T=7</th></tr>');
    // one mode ran: the caption speaks of that mode only
    expect(html).toMatch(/auto: [\d.]+% at t = 7/);
    expect(html).not.toMatch(/tutorial's modes/);
  }, 300_000);
});
