// outputRecord: the output's first values recorded at every step, the rest averaged (hand-derived, T = 10).
import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../simulate.js';
import { outputRecord } from './output-record.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** x → fc1 (identity) → if1 (θ 1) → fc2 (ones 2 → 3): every output is the step's spike count. */
function tiny(upTo: 'fc1' | 'fc2') {
  const b = new GraphBuilder();
  b.input('x', [2]);
  b.add({ name: 'fc1', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(2) } });
  b.add({ name: 'if1', op: 'IF', inputs: ['fc1'], attrs: { neuron: { vThreshold: 1, vReset: null } } });
  b.add({ name: 'fc2', op: 'Linear', inputs: ['if1'], params: { weight: tf.ones([2, 3]) } });
  return b.output(upTo).build();
}
const data = { images: Float32Array.from([0.25, 0.5, 0.25, 0.5, 0.25, 0.5]), labels: [0, 1, 2], n: 3, shape: [2] };

describe('outputRecord', () => {
  it('records the first value at every step per sample and averages the rest up to each horizon', async () => {
    // neuron 0 (0.25) fires at t = 4, 8; neuron 1 (0.5) at t = 2, 4, 6, 8, 10: out_t = 0 1 0 2 0 1 0 2 0 1
    const record = new Float32Array(3 * 10);
    const r = await simulate(tiny('fc2'), data, { T: 10, workers: 1, batchSize: 2, chunk: 3, monitors: [outputRecord({ record, size: 1, at: [4, 10] })] });
    const steps = [0, 1, 0, 2, 0, 1, 0, 2, 0, 1];
    expect(Array.from(record)).toEqual([...steps, ...steps, ...steps]);
    // outputs 1 and 2: (0 + 1 + 0 + 2) / 4 up to t = 4, 7 / 10 up to t = 10
    expect((r.monitors?.outputRecord as number[]).map((v) => Number(v.toFixed(12)))).toEqual([0.75, 0.75, 0.7, 0.7]);
  });

  it('a static output is recorded at every step', async () => {
    const record = new Float32Array(3 * 4);
    const r = await simulate(tiny('fc1'), data, { T: 4, workers: 1, monitors: [outputRecord({ record, size: 1, at: [2, 4] })] });
    expect(Array.from(record)).toEqual(new Array(12).fill(0.25));
    expect(r.monitors?.outputRecord).toEqual([0.5, 0.5]);
  });

  it('size = the whole output: the record alone, every output at every step, and no means', async () => {
    // t = 1: V = 0.25, 0.5 (no spike) → outputs 0 0 0; t = 2: V = 0.5, 1 → neuron 1 fires → outputs 1 1 1
    const record = new Float32Array(3 * 2 * 3);
    const r = await simulate(tiny('fc2'), data, { T: 2, workers: 1, monitors: [outputRecord({ record, size: 3 })] });
    expect(Array.from(record)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1]);
    expect(r.monitors?.outputRecord).toEqual([]);
  });

  it('refuses a record size beyond the output', async () => {
    await expect(simulate(tiny('fc2'), data, { T: 2, workers: 1, monitors: [outputRecord({ record: new Float32Array(24), size: 4 })] })).rejects.toThrow(
      /outputRecord: size must be a whole number in \[0, 3\], got 4/,
    );
  });
});
