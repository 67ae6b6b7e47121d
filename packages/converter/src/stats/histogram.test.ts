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

describe('StreamingHistogram.merge', () => {
  it('joins two shares of a pass into exactly what add() of every value gives, whichever share grew further', () => {
    const rng = createRng(5);
    const batches = Array.from({ length: 6 }, (_, b) =>
      Float32Array.from({ length: 400 }, () => {
        const r = rng();
        return r < 0.3 ? 0 : Math.fround(r * (b === 4 ? 90 : 1 + b)); // batch 4 grows the range most
      }),
    );
    const all = new StreamingHistogram();
    for (const v of batches) all.add(v);
    for (const split of [[0, 2, 4], [1, 3, 5], [4], [0, 1, 2, 3, 5]]) {
      const [a, b] = [new StreamingHistogram(), new StreamingHistogram()];
      for (const [i, v] of batches.entries()) (split.includes(i) ? a : b).add(v);
      const [wa, wb] = [a.width, b.width];
      a.merge(structuredClone(b.state()));
      expect(state(a)).toEqual(state(all));
      expect(wa === wb).toBe(false); // the shares stood at different widths before the merge
    }
    expect(() => new StreamingHistogram(1024).merge(all.state())).toThrow('2048 bins into 1024');
  });
});
