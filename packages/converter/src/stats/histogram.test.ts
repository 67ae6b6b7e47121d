import { createRng } from '@snn/core';
import { describe, expect, it } from 'vitest';
import { StreamingHistogram } from './histogram.js';

const state = (h: StreamingHistogram) => ({ counts: Array.from(h.counts), width: h.width, zeros: h.zeros, total: h.total, max: h.max });

describe('StreamingHistogram.addChannels', () => {
  it('leaves every channel exactly as add() of its own values (zeros, growth across batches, rare large values)', () => {
    const rng = createRng(3);
    const C = 5;
    const one = Array.from({ length: C }, () => new StreamingHistogram());
    const per = Array.from({ length: C }, () => new StreamingHistogram());
    for (let batch = 0; batch < 4; batch++) {
      const values = new Float32Array(C * 300);
      for (let i = 0; i < values.length; i++) {
        const r = rng();
        // a ReLU's share of zeros, values growing from batch to batch (doublings mid-pass), and spikes
        values[i] = r < 0.4 ? 0 : Math.fround((r - 0.4) * (1 + batch) * (i % C) * (r > 0.995 ? 40 : 1));
      }
      StreamingHistogram.addChannels(one, values);
      for (let c = 0; c < C; c++) per[c].add(values.filter((_, i) => i % C === c));
    }
    expect(one.map(state)).toEqual(per.map(state));
    expect(one[4].width).toBeGreaterThan(1 / 2048); // the test grew the range
  });

  it('refuses values that are not whole channels, negative values and NaN', () => {
    const hs = [new StreamingHistogram(), new StreamingHistogram()];
    expect(() => StreamingHistogram.addChannels(hs, Float32Array.of(1, 2, 3))).toThrow('3 values is not a whole number of 2 channels');
    expect(() => StreamingHistogram.addChannels(hs, Float32Array.of(1, -2))).toThrow('negative value -2');
    expect(() => StreamingHistogram.addChannels(hs, Float32Array.of(Number.NaN, 0))).toThrow('NaN');
  });
});
