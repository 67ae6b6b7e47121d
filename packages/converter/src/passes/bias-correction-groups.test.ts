import { initBackend } from '@snn/backend';
import { execute, tutorialCnn } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldBatchNorm } from './fold-batchnorm.js';
import { batchGroups } from './bias-correction.js';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('bias correction: the ANN mean pass runs small batches together', () => {
  it('groups consecutive batches up to the row limit (a larger batch alone)', () => {
    const xs = [3, 4, 100, 2, 2, 99, 1].map((n) => tf.zeros([n, 1]));
    // 3 + 4 (+100 > 100) | 100 | 2 + 2 (+99 > 100) | 99 + 1
    expect(batchGroups(xs, 100)).toEqual([
      [0, 2],
      [2, 3],
      [3, 5],
      [5, 7],
    ]);
    expect(batchGroups(xs.slice(2, 3), 50)).toEqual([[0, 1]]);
    expect(batchGroups([], 100)).toEqual([]);
    tf.dispose(xs);
  });

  it('gives every image the values it gets in its own batch, bit for bit (wasm: conv, folded BatchNorm, ReLU, pooling, Linear)', () => {
    const ann = foldBatchNorm(tutorialCnn({ seed: 3 })).graph;
    const taps = ann.nodes.filter((n) => n.op === 'Conv2d' || n.op === 'AvgPool2d' || n.op === 'Linear').map((n) => n.name);
    const sizes = [3, 5, 2, 4];
    const xs = sizes.map((n, i) => tf.randomUniform([n, 28, 28, 1], 0, 1, 'float32', 10 + i));
    const before = tf.memory().numTensors;
    const alone = xs.map((x) => {
      const { outputs, taps: t } = execute(ann, x, { taps });
      const v = taps.map((name) => Array.from(t[name].dataSync()));
      tf.dispose([...outputs, ...Object.values(t)]);
      return v;
    });
    const all = tf.concat(xs);
    const { outputs, taps: t } = execute(ann, all, { taps });
    let row = 0;
    for (const [k, n] of sizes.entries()) {
      for (const [j, name] of taps.entries()) {
        const part = tf.slice(t[name], row, n);
        expect(Array.from(part.dataSync()), `${name}, batch ${k}`).toEqual(alone[k][j]);
        part.dispose();
      }
      row += n;
    }
    tf.dispose([...outputs, ...Object.values(t), all]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(xs);
    ann.dispose();
  });
});
