import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@snn/backend';
import { ActivationObserver } from './observer.js';

describe('ActivationObserver.updateTensor with exact statistics on wasm (taps read in place)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('gives per-channel results equal to update() on a copy, and the hand-derived max per channel', async () => {
    const options = { mode: { kind: 'max' as const }, statistics: 'exact' as const, channelWise: true };
    const inPlace = new ActivationObserver(options);
    const copied = new ActivationObserver(options);
    const before = tf.memory().numTensors;
    const rows = 300;
    for (let b = 0; b < 3; b++) {
      // channel c of row r: ((r·7 + c·3 + b) mod 11) · (c + 1) / 4, zero when the residue is 0 — max 10·(c + 1)/4 per channel
      const values = Float32Array.from({ length: rows * 3 }, (_, i) => (((Math.floor(i / 3) * 7 + (i % 3) * 3 + b) % 11) * ((i % 3) + 1)) / 4);
      const t = tf.tensor(values, [rows, 3]);
      await inPlace.updateTensor(t, async () => {
        throw new Error('read back: the wasm values should have been read in place');
      });
      copied.update(Float32Array.from(values), 3);
      t.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(inPlace.result()).toEqual([2.5, 5, 7.5]);
    expect(inPlace.result()).toEqual(copied.result());
    const median = { kind: 'percentile' as const, p: 50 };
    expect(inPlace.resultFor(median)).toEqual(copied.resultFor(median));
  });
});
