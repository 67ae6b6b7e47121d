import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { convert } from './convert.js';
import { autoRecipe, parseMode } from './recipes.js';

/** Conv → ReLU → Linear: enough to exercise every read the converter makes. */
function net() {
  const b = new GraphBuilder();
  b.input('x', [5, 5, 1]);
  b.add({
    name: 'conv',
    op: 'Conv2d',
    inputs: ['x'],
    params: {
      weight: tf.tensor4d(
        Array.from({ length: 9 * 2 }, (_, i) => Math.sin(i + 1)),
        [3, 3, 1, 2],
      ),
      bias: tf.tensor1d([0.1, -0.1]),
    },
  });
  b.add({ name: 'relu', op: 'ReLU', inputs: ['conv'] });
  b.add({ name: 'flat', op: 'Flatten', inputs: ['relu'] });
  b.add({
    name: 'fc',
    op: 'Linear',
    inputs: ['flat'],
    params: {
      weight: tf.tensor2d(
        Array.from({ length: 18 * 3 }, (_, i) => Math.cos(i)),
        [18, 3],
      ),
    },
  });
  return b.output('fc').build();
}

const data = () =>
  [0, 1, 2].map((s) =>
    tf.tensor4d(
      Array.from({ length: 4 * 25 }, (_, i) => Math.abs(Math.sin(i * (s + 1)))),
      [4, 5, 5, 1],
    ),
  );

async function thresholds(backend: 'cpu' | 'webgpu', mode: string) {
  await initBackend(backend);
  const { report } = await convert(net(), data, mode === 'auto' ? autoRecipe(4) : parseMode(mode));
  return report.layers.map((l) => l.threshold);
}

// WebGPU's synchronous read is broken (Chromium returns zeros; Node lacks OffscreenCanvas): every read
// the converter makes must be awaited. This runs the converter on WebGPU in Node (SwiftShader).
describe('convert on webgpu (Node, SwiftShader) equals cpu', () => {
  for (const mode of ['99.9%', 'max', 'auto']) {
    it(`mode ${mode}`, async () => {
      const cpu = await thresholds('cpu', mode);
      const gpu = await thresholds('webgpu', mode);
      const flat = (v: unknown[]) => v.flatMap((x) => (typeof x === 'number' ? [x] : Object.values(x as object))) as number[];
      expect(flat(gpu)).toHaveLength(flat(cpu).length);
      for (const [i, v] of flat(gpu).entries()) expect(v).toBeCloseTo(flat(cpu)[i], 4);
    });
  }
});
