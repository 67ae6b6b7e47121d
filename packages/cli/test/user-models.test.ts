// Models written the way PyTorch users write them (tools/fixtures/user_models.py): they import and match
// PyTorch within 1e-4, and `snn eval` converts and scores them at T = 8, 16, 32 on their data as .npz
// and as an image folder, with the ANN accuracy PyTorch measured on the same 200 images.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { arraysToSplit } from '@snn/datasets';
import { execute } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capture } from './helpers.js';

const dir = join(import.meta.dirname, 'fixtures', 'user-models');
const data = (...p: string[]) => join(import.meta.dirname, '..', '..', 'datasets', 'test', 'fixtures', ...p);
const models = readdirSync(dir)
  .filter((f) => f.endsWith('.reference.json'))
  .map((f) => f.replace(/\.reference\.json$/, ''))
  .sort();

interface Reference {
  inputs: { shape: number[]; data: number[] };
  logits: { shape: number[]; data: number[] };
  labels: number[];
  fixture_test_acc: number;
  onnx_ops: string[];
}
const reference = (name: string): Reference => JSON.parse(readFileSync(join(dir, `${name}.reference.json`), 'utf8'));
const isSeq = (ref: Reference) => ref.inputs.shape.length === 3;

/** The model's data as `snn` flags: its test and calibration images as .npz, or as image folders. */
const dataFlags = (ref: Reference, form: 'npz' | 'folder'): string[] =>
  form === 'folder'
    ? ['--data', data('images', 'test'), '--calibration-data', data('images', 'cal')]
    : isSeq(ref)
      ? ['--data', join(dir, 'seq_test.npz'), '--calibration-data', join(dir, 'seq_cal.npz')]
      : ['--data', data('fashion_test.npz'), '--calibration-data', data('fashion_cal.npz')];

describe.each(models)('%s', (name) => {
  const ref = reference(name);

  it('imports and matches PyTorch within 1e-4', async () => {
    await initBackend('wasm');
    const graph = importOnnx(join(dir, `${name}.onnx`));
    const n = ref.inputs.shape[0];
    // The same NCHW / NCL → NHWC mapping the data readers use.
    const split = arraysToSplit({
      x: { dtype: 'f4', shape: ref.inputs.shape, data: Float32Array.from(ref.inputs.data) },
      y: { dtype: 'i4', shape: [n], data: Int32Array.from(ref.labels) },
      xFile: 'inputs',
      yFile: 'labels',
    });
    expect(graph.inputs[0].shape).toEqual(split.shape);
    const got = tf.tidy(() => tf.reshape(execute(graph, tf.tensor4d(split.images, [n, ...split.shape])).outputs[0], [n, -1]).arraySync() as number[][]);
    const want = ref.logits.data;
    const worst = got.flat().reduce((m, v, i) => Math.max(m, Math.abs(v - want[i])), 0);
    expect(got.flat()).toHaveLength(want.length);
    process.stdout.write(`${name}: max |snn-ts − PyTorch| = ${worst.toExponential(2)}\n`);
    expect(worst).toBeLessThan(1e-4);
  });

  const forms = isSeq(ref) ? (['npz'] as const) : (['npz', 'folder'] as const);
  it.each(forms)('snn eval on %s data: ANN accuracy as PyTorch, SNN accuracy at T = 8, 16, 32', async (form) => {
    const io = capture();
    // The folder form converts with auto's defaults (`--validation off`: no search): it checks reading the
    // folders and converting from them; auto's search on these models is the .npz form's (it made CI 190 s longer).
    const search = form === 'folder' ? ['--validation', 'off'] : [];
    const code = await runCli(['eval', join(dir, `${name}.onnx`), ...dataFlags(ref, form), ...search, '--T', '8,16,32', '--json'], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(io.out);
    // 200 images: equal counts of correct answers (the JPEG images of the folder differ from PIL's decode by ≤ 1 grey level)
    expect(Math.round(r.ann.accuracy * 200)).toBe(Math.round(ref.fixture_test_acc * 200));
    const acc = r.snn[0].accuracy;
    expect(Object.keys(acc)).toEqual(['8', '16', '32']);
    process.stdout.write(`${name} ${form}: ANN ${r.ann.accuracy}, SNN T=8 ${acc['8']}, T=16 ${acc['16']}, T=32 ${acc['32']}\n`);
    expect(acc['32']).toBeGreaterThanOrEqual(r.ann.accuracy - 0.05); // measured: within 0.015
  }, 600_000);
});
