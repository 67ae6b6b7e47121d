import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { naivePool, values } from '../../test/naive.js';
import { disposeState, execute, type Graph, GraphBuilder, type GraphState } from '../index.js';

function pool(shape: number[], attrs: Record<string, unknown>): Graph {
  const b = new GraphBuilder();
  b.input('x', shape);
  b.add({ name: 'p', op: 'SpikingMaxPool2d', inputs: ['x'], attrs });
  return b.output('p').build();
}

/** Runs the graph over `steps` (each an NHWC batch's values) and returns each step's output values. */
function run(g: Graph, shape: number[], steps: number[][]): number[][] {
  let state: GraphState | undefined;
  const out: number[][] = [];
  for (const v of steps) {
    const x = tf.tensor(v, shape);
    const r = execute(g, x, { state });
    disposeState(state);
    state = r.state;
    out.push(Array.from(r.outputs[0].dataSync()));
    tf.dispose([x, ...r.outputs]);
  }
  disposeState(state);
  return out;
}

/** The gate from its definition, one window at a time: c_t = β·c_{t−1} + x_t, pass x_t of the first argmax of c_t. */
function naiveGate(steps: number[][], xs: number[], k: [number, number], s: [number, number], p: number[], beta: number): number[][] {
  const [n, h, w, ch] = xs;
  const c = new Float32Array(n * h * w * ch);
  const oh = Math.floor((h + p[0] + p[2] - k[0]) / s[0]) + 1;
  const ow = Math.floor((w + p[1] + p[3] - k[1]) / s[1]) + 1;
  return steps.map((x) => {
    for (let j = 0; j < c.length; j++) c[j] = Math.fround(Math.fround(beta * c[j]) + x[j]);
    const y: number[] = [];
    for (let b = 0; b < n; b++)
      for (let i = 0; i < oh; i++)
        for (let jj = 0; jj < ow; jj++)
          for (let q = 0; q < ch; q++) {
            let best = Number.NEGATIVE_INFINITY;
            let out = 0;
            for (let u = 0; u < k[0]; u++)
              for (let v = 0; v < k[1]; v++) {
                const r = i * s[0] + u - p[0];
                const col = jj * s[1] + v - p[1];
                if (r < 0 || r >= h || col < 0 || col >= w) continue;
                const at = ((b * h + r) * w + col) * ch + q;
                if (c[at] > best) [best, out] = [c[at], x[at]];
              }
            y.push(out);
          }
    return y;
  });
}

describe.each(['wasm', 'cpu'] as const)('SpikingMaxPool2d on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  // One 2×2 window [a b; c d], spikes of amplitude 0.5 over four steps:
  //   a: 1 0 1 0   b: 0 1 1 1   c: 0 0 0 0   d: 1 1 0 0
  // counts after each step: (1,0,0,1) (1,1,0,2) (2,2,0,2) (2,3,0,2).
  const spikes = [
    [1, 0, 0, 1],
    [0, 1, 0, 1],
    [1, 1, 0, 0],
    [0, 1, 0, 0],
  ].map((s) => s.map((v) => v * 0.5));
  it('gate: passes the leader by count, ties to the first (hand-derived: a, d, a, b → 4 spikes, one more than the max count 3)', () => {
    expect(run(pool([2, 2, 1], { kernel: 2 }), [1, 2, 2, 1], spikes)).toEqual([[0.5], [0.5], [0.5], [0.5]]);
  });
  it('running-max: the growth of the largest count (hand-derived: max counts 1, 2, 2, 3 → 1, 1, 0, 1 spikes)', () => {
    expect(run(pool([2, 2, 1], { kernel: 2, rule: 'running-max' }), [1, 2, 2, 1], spikes)).toEqual([[0.5], [0.5], [0], [0.5]]);
  });
  it('gate with momentum 0.5 follows the recent leader (hand-derived)', () => {
    // a: 1 1 0 0 0, b: 0 0 1 1 1. β = 1: counts a 1 2 2 2 2, b 0 0 1 2 3 → leader a a a a(tie) b → 1 1 0 0 1.
    // β = 0.5: a 1 1.5 0.75 0.375 0.1875, b 0 0 1 1.5 1.75 → leader a a b b b → 1 1 1 1 1.
    const x = [
      [1, 0, 0, 0],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 1, 0, 0],
      [0, 1, 0, 0],
    ];
    expect(run(pool([2, 2, 1], { kernel: 2 }), [1, 2, 2, 1], x).flat()).toEqual([1, 1, 0, 0, 1]);
    expect(run(pool([2, 2, 1], { kernel: 2, momentum: 0.5 }), [1, 2, 2, 1], x).flat()).toEqual([1, 1, 1, 1, 1]);
  });

  const shape = [2, 7, 6, 3];
  const size = shape.reduce((a, b) => a * b);
  const attrs = { kernel: [3, 3], strides: [2, 2], pads: [1, 0, 2, 1] };
  it('both rules equal MaxPool2d at every step under constant input (pads, stride 2)', () => {
    const x = values(size, 7);
    const want = naivePool(x, shape, 'max', [3, 3], [2, 2], [1, 0, 2, 1], false).data;
    for (const rule of ['gate', 'running-max']) {
      const got = run(pool(shape.slice(1), { ...attrs, rule }), shape, [x, x, x, x]);
      for (const y of got) expect(Math.max(...y.map((v, i) => Math.abs(v - want[i])))).toBeLessThan(1e-5);
    }
    // the gate passes the input itself: exactly the max
    expect(run(pool(shape.slice(1), attrs), shape, [x])[0]).toEqual(Array.from(Float32Array.from(want)));
  });

  it('gate equals a loop from the definition on random spike trains, bit for bit (β = 1 and 0.7)', () => {
    const steps = Array.from({ length: 12 }, (_, t) => values(size, 100 + t).map((v) => (v > 0.3 ? 0.75 : 0)));
    for (const momentum of [1, 0.7]) {
      const got = run(pool(shape.slice(1), { ...attrs, momentum }), shape, steps);
      expect(got).toEqual(naiveGate(steps, shape, [3, 3], [2, 2], attrs.pads, momentum).map((y) => Array.from(Float32Array.from(y))));
    }
  });

  it('keeps the tensor count flat over steps', () => {
    const g = pool(shape.slice(1), attrs);
    const x = tf.tensor(values(size, 3), shape);
    let state: GraphState | undefined;
    const counts: number[] = [];
    for (let t = 0; t < 6; t++) {
      const r = execute(g, x, { state });
      disposeState(state);
      state = r.state;
      tf.dispose(r.outputs);
      counts.push(tf.memory().numTensors);
    }
    disposeState(state);
    x.dispose();
    expect(new Set(counts.slice(1)).size).toBe(1);
  });

  it('refuses a bad rule or momentum, naming the attribute', () => {
    expect(() => pool([4, 4, 1], { kernel: 2, rule: 'or' })).toThrow(/rule must be one of gate, running-max, got "or"/);
    expect(() => pool([4, 4, 1], { kernel: 2, momentum: 0 })).toThrow(/momentum must be in \(0, 1\]/);
    expect(() => pool([4, 4, 1], { kernel: 2, rule: 'running-max', momentum: 0.5 })).toThrow(/momentum must be 1 for rule 'running-max'/);
  });
});
