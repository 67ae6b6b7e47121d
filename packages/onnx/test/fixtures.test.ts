// Every exported fixture imports and matches PyTorch's logits within 1e-4 (max abs), on wasm and cpu.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { execute } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { importOnnx } from '../src/node.js';

const dir = join(import.meta.dirname, 'fixtures');
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.reference.json'))
  .map((f) => f.replace(/\.reference\.json$/, ''))
  .sort();
const errors: Record<string, Record<string, number>> = {};

interface Reference {
  onnx?: string;
  inputs: { shape: number[]; data: number[] };
  logits: { shape: number[]; data: number[] };
}

describe.each(['wasm', 'cpu'] as const)('fixtures on %s', (backend) => {
  it.each(fixtures)('%s matches PyTorch within 1e-4', async (name) => {
    await initBackend(backend);
    const ref = JSON.parse(readFileSync(join(dir, `${name}.reference.json`), 'utf8')) as Reference;
    const graph = importOnnx(join(dir, ref.onnx ?? `${name}.onnx`));
    const before = tf.memory().numTensors;
    const got = tf.tidy(() => {
      const d = ref.inputs.shape;
      // NCHW → NHWC; a sequence NCL → N·1·L·C.
      let x = tf.tensor(ref.inputs.data, d.length === 3 ? [d[0], d[1], 1, d[2]] : d, 'float32');
      if (x.rank === 4) x = tf.transpose(x, [0, 2, 3, 1]);
      const y = execute(graph, x).outputs[0];
      return { shape: y.shape, data: Array.from(y.dataSync()) };
    });
    expect(tf.memory().numTensors).toBe(before);
    graph.dispose();
    expect(got.shape).toEqual(ref.logits.shape);
    let maxAbs = 0;
    for (let i = 0; i < got.data.length; i++) maxAbs = Math.max(maxAbs, Math.abs(got.data[i] - ref.logits.data[i]));
    errors[name] = { ...errors[name], [backend]: maxAbs };
    expect(maxAbs).toBeLessThan(1e-4);
  });
});

afterAll(() => {
  const lines = Object.entries(errors).map(([n, e]) => `  ${n.padEnd(28)} wasm ${e.wasm?.toExponential(2) ?? '-'}  cpu ${e.cpu?.toExponential(2) ?? '-'}`);
  console.log(`max |ours − PyTorch| per fixture:\n${lines.join('\n')}`);
});
