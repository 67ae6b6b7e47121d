import { describe, expect, it } from 'vitest';
import type { ChunkInfo } from '../engine/hooks.js';
import { countSpikes } from './firing-rate.js';

const info = (maxSpikes: number, amp: number[]) => ({ neuron: { maxSpikes, amp: Float32Array.from(amp) } }) as unknown as ChunkInfo;

describe('countSpikes', () => {
  it('one total (channels = 1, plain spikes) equals the per-channel counts summed, over several calls', () => {
    // 3 channels, amplitudes θ per channel: a value is a spike of that channel's θ or 0
    const theta = [0.5, 2, 1.25];
    const out = Float32Array.from({ length: 3 * 97 }, (_, i) => ((i * 7919) % 5 < 2 ? theta[i % 3] : 0));
    const perChannel = new Float64Array(3);
    const total = Float64Array.of(4); // adds to what is there
    for (let k = 0; k < 3; k++) {
      countSpikes(info(1, theta), out, 3, perChannel);
      countSpikes(info(1, theta), out, 1, total);
    }
    const spikes = out.reduce((a, v) => a + (v !== 0 ? 1 : 0), 0);
    expect(Array.from(total)).toEqual([4 + 3 * spikes]);
    expect(perChannel.reduce((a, b) => a + b, 0)).toBe(3 * spikes);
  });

  it('multi-level spikes still count s = value / amplitude (not the fast path)', () => {
    const out = Float32Array.of(0, 2, 4, 0, 2); // amplitude 2: 0, 1, 2, 0, 1 spikes
    const total = new Float64Array(1);
    countSpikes(info(2, [2]), out, 1, total);
    expect(Array.from(total)).toEqual([4]);
  });
});
