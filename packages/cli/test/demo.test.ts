// snn demo: --out checked before any work; calibration on the training split less its validation part.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { writeGraph } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capture, fixture } from './helpers.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'snn-demo-'));

async function refused(argv: string[], message: string): Promise<void> {
  const io = capture();
  expect(await runCli(argv, io)).toBe(2);
  expect(io.out).toBe('');
  expect(io.err).toBe(`snn: ${message}\n`); // one line, no stack, nothing said before it (no backend line: no work began)
}

describe('snn demo --out is checked before any work', () => {
  it('a file, a path under a file, and a folder of other things (without --force) are refused by name; nothing is written', async () => {
    const dir = tmp();
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'keep me');
    await refused(['demo', '--out', file], `--out ${file}: is a file, not a folder`);
    await refused(['demo', '--out', join(file, 'report')], `--out ${join(file, 'report')}: cannot be created, ${file} is a file`);
    const theirs = join(dir, 'theirs');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'thesis.tex'), 'keep me too');
    await refused(['demo', '--out', theirs], `--out ${theirs}: already exists and is not empty; pass --force to overwrite it`);
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'theirs']);
    expect(readdirSync(theirs)).toEqual(['thesis.tex']);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('a --calibrate larger than the training split less its validation part is refused before training', async () => {
    const out = join(tmp(), 'report');
    await refused(['demo', '--out', out, '--calibrate', '7197'], '--calibrate 7197: the training split less its 10% validation part has 7196 images');
    expect(existsSync(out)).toBe(false);
  });
});

describe('snn demo calibrates on the training split less its validation part', () => {
  it("reuses an earlier demo's folder and model, and says (and records in report.json) which images calibration and validation used", async () => {
    await initBackend('wasm');
    const out = tmp();
    await writeGraph(await importOnnx(fixture('mnist_cnn_mnist.onnx')), join(out, 'model')); // as a previous demo leaves it
    const io = capture();
    expect(await runCli(['demo', '--out', out, '--T', '4', '--limit', '40', '--calibrate', '200'], io)).toBe(0);
    expect(io.err).toMatch(/^reusing the model trained before: /m);
    expect(io.err).toMatch(/^calibrating on 200 of the 7196 training images less the 800-image validation part \(10%, on which auto chooses\)$/m);
    // the table: the six SpikingJelly modes and auto, each at T = 4
    expect(io.out).toMatch(/^SNN test accuracy \(%\) on 40 images; ANN 97\.50%$/m);
    for (const m of ['max', '99.9%', '1/2', '1/3', '1/4', '1/5', 'auto'])
      expect(io.out).toMatch(new RegExp(`^${m.replace(/[.%/]/g, '\\$&')} +\\d+\\.\\d\\d$`, 'm'));
    const facts = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(facts.calibration).toEqual({ n: 200, of: 7196, rule: 'class-stratified', seed: 0 });
    expect(facts.validation).toMatchObject({ fraction: 0.1, n: 800, of: 7996, rule: 'class-stratified' });
  }, 600_000);
});
