import { initBackend } from '@snn/backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { hostValues } from './host-values.js';

describe('hostValues', () => {
  it('on wasm: a view of the backend heap at the tensor (same values, no copy), undefined for int32', async () => {
    await initBackend('wasm');
    const before = tf.memory().numTensors;
    const t = tf.tensor2d([1.5, -2, 3.25, 0, 7, 8], [3, 2]);
    const v = hostValues(t) as Float32Array;
    expect(Array.from(v)).toEqual([1.5, -2, 3.25, 0, 7, 8]);
    // the view lies in the backend's memory: a second view of the same tensor shares its buffer and offset
    const again = hostValues(t) as Float32Array;
    expect(again.buffer).toBe(v.buffer);
    expect(again.byteOffset).toBe(v.byteOffset);
    expect(v.buffer).not.toBe((t.dataSync() as Float32Array).buffer); // dataSync copies, the view does not
    const i = tf.tensor1d([1, 2], 'int32');
    expect(hostValues(i)).toBeUndefined();
    tf.dispose([t, i]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('on cpu: the backend’s own values', async () => {
    await initBackend('cpu');
    const t = tf.tensor1d([4, 5, 6]);
    expect(Array.from(hostValues(t) as Float32Array)).toEqual([4, 5, 6]);
    t.dispose();
  });
});
