import { describe, expect, it } from 'vitest';
import { constantEncoder } from './constant.js';
import { poissonEncoder } from './poisson.js';
import { encoderFromSpec, registerEncoder, resolveEncoder } from './registry.js';
import { replayEncoder } from './replay.js';

const x = Float32Array.from({ length: 3 * 4 }, (_, i) => (i % 4) / 4); // per sample [0, 0.25, 0.5, 0.75]

describe('encoders', () => {
  it('constant: the image at every step, time-major', () => {
    const out = constantEncoder().encode(x, 3, 4, 0, 1, 2);
    expect([...out]).toEqual([...x, ...x]);
    expect(constantEncoder().constant).toBe(true);
  });

  it('poisson: 0/1 spikes at rate x (law of large numbers)', () => {
    const e = poissonEncoder({ seed: 1 });
    const T = 4000;
    const out = e.encode(x, 3, 4, 0, 1, T);
    const rate = [0, 0, 0, 0];
    out.forEach((v, i) => {
      expect(v === 0 || v === 1).toBe(true);
      rate[i % 4] += v / (3 * T);
    });
    for (const [i, r] of rate.entries()) expect(Math.abs(r - i / 4)).toBeLessThan(0.02);
  });

  it('poisson: reproducible whatever the batching and chunking', () => {
    const e = poissonEncoder({ seed: 9 });
    const whole = e.encode(x, 3, 4, 10, 1, 6); // samples 10..12, steps 1..6
    // sample 11 alone, steps 4..6
    const part = e.encode(x.subarray(4, 8), 1, 4, 11, 4, 3);
    for (let s = 0; s < 3; s++) expect([...part.subarray(s * 4, s * 4 + 4)]).toEqual([...whole.subarray(((3 + s) * 3 + 1) * 4, ((3 + s) * 3 + 2) * 4)]);
    expect([...poissonEncoder({ seed: 9 }).encode(x, 3, 4, 10, 1, 6)]).toEqual([...whole]);
    expect([...poissonEncoder({ seed: 10 }).encode(x, 3, 4, 10, 1, 6)]).not.toEqual([...whole]);
  });

  it('replay: what was recorded for sample s at step t, time-major; refuses steps or samples not recorded', () => {
    // 3 samples × 2 steps × 2 values: values[(s·2 + t − 1)·2 + i] = 10s + t + i/10
    const values = Float32Array.from({ length: 12 }, (_, j) => 10 * Math.floor(j / 4) + (Math.floor(j / 2) % 2) + 1 + (j % 2) / 10);
    const e = encoderFromSpec(replayEncoder({ values, T: 2, size: 2 }).spec); // as a worker thread rebuilds it
    expect(e.constant).toBe(false);
    // samples 1 and 2 (first = 1), step 2 only
    expect([...e.encode(new Float32Array(4), 2, 2, 1, 2, 1)]).toEqual([12, 12.1, 22, 22.1].map(Math.fround));
    expect(() => e.encode(new Float32Array(4), 2, 2, 1, 2, 2)).toThrow(/step 3 was not recorded/);
    expect(() => e.encode(new Float32Array(4), 2, 2, 2, 1, 1)).toThrow(/sample 3 was not recorded/);
    expect(() => e.encode(new Float32Array(6), 2, 3, 0, 1, 1)).toThrow(/3 values per sample, the recording 2/);
  });

  it('replay with a per-channel shift: fl(v + shift_c) at each value, the same when a call reuses the buffer of the call before', () => {
    // 2 samples × 3 steps × 4 values (2 pixels × 2 channels): values[(s·3 + t − 1)·4 + i] = 100s + 10t + i
    const values = Float32Array.from({ length: 24 }, (_, j) => 100 * Math.floor(j / 12) + 10 * ((Math.floor(j / 4) % 3) + 1) + (j % 4));
    const e = encoderFromSpec(replayEncoder({ values, T: 3, size: 4, shift: Float32Array.of(0.5, -0.25) }).spec);
    const want = (s: number, t: number) => [0, 1, 2, 3].map((i) => Math.fround(100 * s + 10 * t + i + (i % 2 ? -0.25 : 0.5)));
    // both samples, steps 1–2, time-major; then steps 3 only (a shorter chunk) and steps 1–3 (a longer one)
    expect([...e.encode(new Float32Array(8), 2, 4, 0, 1, 2)]).toEqual([...want(0, 1), ...want(1, 1), ...want(0, 2), ...want(1, 2)]);
    expect([...e.encode(new Float32Array(8), 2, 4, 0, 3, 1)]).toEqual([...want(0, 3), ...want(1, 3)]);
    expect([...e.encode(new Float32Array(8), 2, 4, 0, 1, 3)]).toEqual([1, 2, 3].flatMap((t) => [...want(0, t), ...want(1, t)]));
    // for an engine that adds the row itself: encodeInto writes the values as recorded, rowShift is the tiled shift
    expect([...(e.rowShift as Float32Array)]).toEqual([0.5, -0.25, 0.5, -0.25]);
    const raw = new Float32Array(16);
    e.encodeInto?.(raw, 2, 4, 0, 2, 2);
    const recorded = (s: number, t: number) => [0, 1, 2, 3].map((i) => 100 * s + 10 * t + i);
    expect([...raw]).toEqual([...recorded(0, 2), ...recorded(1, 2), ...recorded(0, 3), ...recorded(1, 3)]);
    expect(() => e.encodeInto?.(raw, 2, 4, 0, 3, 2)).toThrow(/step 4 was not recorded/);
    expect(encoderFromSpec(replayEncoder({ values, T: 3, size: 4 }).spec).rowShift).toBeUndefined();
  });

  it('rebuilds encoders from specs (what worker threads receive)', () => {
    expect(encoderFromSpec({ kind: 'poisson', seed: 4 }).spec).toEqual({ kind: 'poisson', seed: 4 });
    expect(resolveEncoder(undefined).spec.kind).toBe('constant');
    expect(() => encoderFromSpec({ kind: 'nope' })).toThrow(/unknown encoder 'nope' \(registered: constant, poisson, replay\)/);
    registerEncoder('half', () => ({ spec: { kind: 'half' }, constant: true, encode: (v) => v.map((a) => a / 2) }));
    expect(resolveEncoder({ kind: 'half' }).encode(x, 1, 4, 0, 1, 1)[3]).toBe(0.375);
    expect(() => poissonEncoder({ seed: 1.5 })).toThrow(/integer/);
  });
});
