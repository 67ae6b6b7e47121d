import { createRng } from '@snn/core';
import { describe, expect, it, vi } from 'vitest';
import { channelBinner } from './channel-binner.js';
import { StreamingHistogram } from './histogram.js';

const state = (h: StreamingHistogram) => ({ counts: Array.from(h.counts), width: h.width, zeros: h.zeros, total: h.total, max: h.max });
const hists = (C: number, bins?: number) => Array.from({ length: C }, () => new StreamingHistogram(bins));
/** The float32 just below x (x > 0 a float32). */
const below = (x: number) => {
  const b = new Float32Array([x]);
  new Int32Array(b.buffer)[0]--;
  return b[0];
};
const binner = channelBinner();

/** The same batches three ways: the wasm route, the JS pass (binner null), and add() of each channel's own values. */
function threeWays(C: number, batches: Float32Array[], bins?: number, perChannel = true) {
  const [wasm, js, per] = [hists(C, bins), hists(C, bins), hists(C, bins)];
  for (const v of batches) {
    StreamingHistogram.addChannels(wasm, v);
    StreamingHistogram.addChannels(js, v, null);
    if (perChannel) for (let c = 0; c < C; c++) per[c].add(v.filter((_, i) => i % C === c));
  }
  return { wasm: wasm.map(state), js: js.map(state), per: per.map(state), hists: wasm };
}

describe('ChannelBinner (the WebAssembly SIMD route of StreamingHistogram.addChannels)', () => {
  it('is available here, and addChannels takes it for float32 values of 4k channels', () => {
    expect(binner).not.toBeNull();
    const bin = vi.spyOn(binner as NonNullable<typeof binner>, 'bin');
    StreamingHistogram.addChannels(hists(4), Float32Array.of(1, 0, 2, 3));
    expect(bin).toHaveBeenCalledTimes(1);
    bin.mockRestore();
  });

  it('counts a hand-built batch: zeros and −0 apart, a value on a bin edge in that bin, one just below in the bin before', () => {
    // C = 4, width 1/2048 (bins of 2048 cover [0, 1)): channel 0 gets 0, −0; channel 1: 3/2048 (edge of bin 3) and the float32 below it (bin 2);
    // channel 2: 0.5 (bin 1024) twice; channel 3: 1 (= width·bins: the width doubles to 1/1024, so 1 lands in bin 1024) and 1/4096 (bin 0)
    const edge = 3 / 2048;
    const values = Float32Array.of(0, edge, 0.5, 1, -0, below(edge), 0.5, 1 / 4096);
    const hs = hists(4);
    StreamingHistogram.addChannels(hs, values);
    const nonzero = (h: StreamingHistogram) => Object.fromEntries([...h.counts.entries()].filter(([, n]) => n > 0));
    expect(hs.map((h) => [h.zeros, h.total, h.width, h.max])).toEqual([
      [2, 2, 1 / 2048, 0],
      [0, 2, 1 / 2048, edge],
      [0, 2, 1 / 2048, 0.5],
      [0, 2, 1 / 1024, 1],
    ]);
    expect(hs.map(nonzero)).toEqual([{}, { 2: 1, 3: 1 }, { 1024: 2 }, { 0: 1, 1024: 1 }]);
  });

  it('equals the JS pass and add() on random batches: ReLU zeros, growth within and across batches, many chunks, bin edges', () => {
    const rng = createRng(11);
    const C = 32;
    const batches = Array.from({ length: 5 }, (_, b) => {
      const v = new Float32Array(C * 1500); // 48,000 values: three chunks and a part
      for (let i = 0; i < v.length; i++) {
        const r = rng();
        const c = i % C;
        if (r < 0.5) v[i] = r < 0.01 ? -0 : 0;
        else if (r < 0.52)
          v[i] = Math.fround(Math.floor(rng() * 2048) / 2048); // on a bin edge of the first width
        else if (r < 0.53)
          v[i] = below(Math.fround((1 + Math.floor(rng() * 2047)) / 2048)); // just below one
        else if (r < 0.535)
          v[i] = 1e-40; // a float32 subnormal: bin 0
        else v[i] = Math.fround((r - 0.5) * (1 + c) * (1 + b) * (i / v.length) * (r > 0.999 ? 50 : 1)); // grows within the batch
      }
      return v;
    });
    const { wasm, js, per, hists: hs } = threeWays(C, batches);
    expect(wasm).toEqual(js);
    expect(wasm).toEqual(per);
    expect(new Set(hs.map((h) => h.width)).size).toBeGreaterThan(3); // channels grew to different widths
  });

  it('equals the JS pass with many channels (more than a chunk holds: one pixel a chunk), few bins and a channel that only sees zeros', () => {
    const rng = createRng(12);
    for (const [C, pixels, bins] of [
      [256, 200, 2048],
      [16392, 3, 64],
    ]) {
      const v = Float32Array.from({ length: C * pixels }, (_, i) => (i % C === 5 || rng() < 0.3 ? 0 : Math.fround(rng() * (i % 7) * 3)));
      const { wasm, js } = threeWays(C, [v, v.map((x) => x * 2)], bins, false);
      expect(wasm).toEqual(js);
      expect(wasm[5].zeros).toBe(2 * pixels);
    }
  });

  it('falls back to the JS pass where the route does not apply (C not a multiple of 4, a width that is not a power of two, plain arrays)', () => {
    const v = Float32Array.from({ length: 6 * 40 }, (_, i) => (i % 3) * 0.7);
    expect(threeWays(6, [v]).wasm).toEqual(threeWays(6, [v]).per);
    const odd = [new StreamingHistogram(2048, 0.3), ...hists(3)];
    const ref = [new StreamingHistogram(2048, 0.3), ...hists(3)];
    StreamingHistogram.addChannels(odd, v);
    StreamingHistogram.addChannels(ref, v, null);
    expect(odd.map(state)).toEqual(ref.map(state));
    const plain = hists(4);
    StreamingHistogram.addChannels(plain, Array.from(v));
    expect(plain.map(state)).toEqual(threeWays(4, [v]).per);
  });

  it('refuses a negative value or NaN as the JS pass does, leaving the same state (everything before it added)', () => {
    const C = 8;
    for (const [at, bad, message] of [
      [3, -2, 'negative value -2'],
      [40_003, Number.NaN, 'NaN in activations'], // in the third chunk of 16,384: two binned by the route, the JS pass from there
      [C * 7000 - 1, -0.5, 'negative value -0.5'],
    ] as const) {
      const v = Float32Array.from({ length: C * 7000 }, (_, i) => ((i * 7) % 13) * 0.25);
      v[at] = bad;
      const [wasm, js] = [hists(C), hists(C)];
      expect(() => StreamingHistogram.addChannels(wasm, v)).toThrow(message);
      expect(() => StreamingHistogram.addChannels(js, v, null)).toThrow(message);
      expect(wasm.map(state)).toEqual(js.map(state));
    }
  });
});
