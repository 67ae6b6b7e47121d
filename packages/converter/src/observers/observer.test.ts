import { describe, expect, it } from 'vitest';
import { ActivationObserver } from './observer.js';

describe('ActivationObserver', () => {
  it('spikingjelly statistics: first batch as is, then EMA with momentum 0.1 (hand-derived)', () => {
    const o = new ActivationObserver({ mode: { kind: 'max' }, statistics: 'spikingjelly' });
    o.update(Float32Array.of(0, 2, 1), 1); // s = 2
    o.update(Float32Array.of(4, 0, 0), 1); // s = 0.9·2 + 0.1·4 = 2.2
    o.update(Float32Array.of(1, 1, 1), 1); // s = 0.9·2.2 + 0.1·1 = 2.08
    expect(o.result()[0]).toBeCloseTo(2.08, 6);
  });

  it('scale mode is s × max; percentile is per batch in spikingjelly statistics', () => {
    const half = new ActivationObserver({ mode: { kind: 'scale', s: 0.5 }, statistics: 'spikingjelly' });
    half.update(Float32Array.of(0, 3), 1);
    expect(half.result()).toEqual([1.5]);
    const p = new ActivationObserver({ mode: { kind: 'percentile', p: 50 }, statistics: 'spikingjelly' });
    p.update(Float32Array.of(1, 2, 3, 10), 1); // median 2.5
    expect(p.result()[0]).toBeCloseTo(2.5, 6);
  });

  it('exact statistics are over the whole set, not an average of batches', () => {
    const o = new ActivationObserver({ mode: { kind: 'max' }, statistics: 'exact' });
    o.update(Float32Array.of(0, 1), 1);
    o.update(Float32Array.of(5, 0), 1);
    o.update(Float32Array.of(0, 1), 1);
    expect(o.result()).toEqual([5]);
  });

  it('a statistic read twice is read from the histograms once, and afresh after more observations', () => {
    const o = new ActivationObserver({ mode: { kind: 'max' }, statistics: 'exact', channelWise: true });
    o.update(Float32Array.of(1, 10, 2, 20), 2);
    const first = o.resultFor({ kind: 'max' });
    first[0] = -1; // the caller's copy
    expect(o.resultFor({ kind: 'max' })).toEqual([2, 20]);
    o.update(Float32Array.of(7, 0), 2);
    expect(o.resultFor({ kind: 'max' })).toEqual([7, 20]);
  });

  it('channel-wise statistics split the last axis (NHWC)', () => {
    const o = new ActivationObserver({ mode: { kind: 'max' }, statistics: 'exact', channelWise: true });
    o.update(Float32Array.of(1, 10, 2, 20, 3, 5), 2); // channel 0: 1,2,3; channel 1: 10,20,5
    expect(o.result()).toEqual([3, 20]);
  });

  it('refuses bad options clearly', () => {
    expect(() => new ActivationObserver({ mode: { kind: 'scale', s: 1.5 }, statistics: 'exact' })).toThrow(/s must be in \(0, 1\], got 1.5/);
    expect(() => new ActivationObserver({ mode: { kind: 'percentile', p: 0 }, statistics: 'exact' })).toThrow(/p must be in \(0, 100\]/);
    expect(() => new ActivationObserver({ mode: { kind: 'targetT', T: 8 }, statistics: 'spikingjelly' })).toThrow(/use statistics 'exact'/);
    expect(() => new ActivationObserver({ mode: { kind: 'median' } as never, statistics: 'exact' })).toThrow(/unknown normalisation kind 'median'/);
    expect(() => new ActivationObserver({ mode: { kind: 'max' }, statistics: 'exact' }).result()).toThrow(/no calibration batch/);
  });
});

describe('ActivationObserver.updateTensor (statistics on the backend)', () => {
  it('gives the same SpikingJelly statistics as reading the values back', async () => {
    const { initBackend } = await import('@snn/backend');
    const tf = await import('@tensorflow/tfjs-core');
    await initBackend('cpu');
    for (const mode of [
      { kind: 'max' },
      { kind: 'scale', s: 0.25 },
      { kind: 'percentile', p: 99.9 },
      { kind: 'percentile', p: 99.99 },
      { kind: 'percentile', p: 50 },
    ] as const) {
      const dev = new ActivationObserver({ mode, statistics: 'spikingjelly' });
      const host = new ActivationObserver({ mode, statistics: 'spikingjelly' });
      for (let b = 0; b < 3; b++) {
        const t = tf.relu(tf.randomNormal([20, 7, 7, 3], 0, 1 + b, 'float32', b));
        await dev.updateTensor(t);
        host.update(t.dataSync() as Float32Array, 3);
        t.dispose();
      }
      expect(dev.result()[0]).toBeCloseTo(host.result()[0], 5);
    }
  });
});
