import { initBackend } from '@snn/backend';
import { disposeState, execute, type Graph, GraphBuilder, type GraphState } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from './convert.js';
import { parseMode, qcfsRecipe } from './recipes.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** x [1, 1, C] → QCFS (λ per channel or one) → Flatten: the QCFS output is the graph output. */
function qcfsNet(lambda: number[], levels: number, channels: number): Graph {
  const b = new GraphBuilder();
  b.input('x', [1, 1, channels]);
  b.add({ name: 'q', op: 'QCFS', inputs: ['x'], attrs: { levels }, params: { lambda: tf.tensor1d(lambda) } });
  b.add({ name: 'flat', op: 'Flatten', inputs: ['q'] });
  return b.output('flat').build();
}

/** Σ_t output_t over T steps of a constant input, by stepping the SNN's state. */
function runSteps(snn: Graph, x: tf.Tensor, T: number): number[] {
  let state: GraphState | undefined;
  let sum = tf.zeros([x.shape[0], snn.shapeOf(snn.outputs[0])[0]]);
  for (let t = 0; t < T; t++) {
    const r = execute(snn, x, { state });
    disposeState(state);
    state = r.state;
    const next = tf.add(sum, r.outputs[0]);
    tf.dispose([sum, r.outputs[0]]);
    sum = next;
  }
  disposeState(state);
  const out = Array.from(sum.dataSync());
  sum.dispose();
  return out;
}

const noData = () => [] as tf.Tensor[];

describe('QCFS → IF', () => {
  it('becomes IF with θ = λ (per channel), V₀ = θ/2, without calibration data', async () => {
    const { snn, report } = await convert(qcfsNet([2, 0.5], 4, 2), noData, qcfsRecipe());
    const n = snn.node('q');
    expect(n.op).toBe('IF');
    expect(n.attrs.neuron).toMatchObject({ vReset: null, v0: { fractionOfThreshold: 0.5 } });
    expect(Array.from(n.params.vThreshold.dataSync())).toEqual([2, 0.5]);
    expect(report.layers).toEqual([{ node: 'q', op: 'QCFS', threshold: { channels: 2, min: 0.5, mean: 1.25, max: 2 }, source: 'qcfs' }]);
    expect(report.calibration.samples).toBe(0);
    // Any recipe keeps V₀ = θ/2 for QCFS (the recipe's V₀ applies to ReLUs).
    const sj = await convert(qcfsNet([2], 4, 2), noData, parseMode('max'));
    expect(sj.snn.node('q').attrs.neuron).toMatchObject({ vThreshold: 2, v0: { fractionOfThreshold: 0.5 } });
  });

  it('spike counts over T = L steps of a constant input equal the QCFS output (no overflow)', async () => {
    // L = 8, λ = 2 (channel 0) and 0.75 (channel 1); inputs over [−0.5, 1.2·λ], away from the
    // rounding ties x·L/λ + ½ ∈ ℤ (float sums would decide those either way).
    const L = 8;
    const lambda = [2, 0.75];
    const ann = qcfsNet(lambda, L, 2);
    const rows: number[] = [];
    for (let k = 0; k < 40; k++) for (const lam of lambda) rows.push(lam * (-0.25 + (1.45 * (k + 0.3)) / 40));
    const x = tf.tensor4d(rows, [40, 1, 1, 2]);
    const want = Array.from(execute(ann, x).outputs[0].dataSync());
    const { snn } = await convert(ann, noData, qcfsRecipe());
    const rate = runSteps(snn, x, L).map((s) => s / L); // mean output = θ·(spikes)/T
    for (const [i, r] of rate.entries()) expect(r).toBeCloseTo(want[i], 5);
    // By hand for one value: x = 0.8, λ = 2: ⌊0.8·8/2 + ½⌋ = 3 spikes in 8 steps → 2·3/8 = 0.75.
    expect(runSteps(snn, tf.tensor4d([0.8, 0], [1, 1, 1, 2]), L)[0] / L).toBeCloseTo(0.75, 6);
    // The outputs are not all 0 or λ: the test exercises the levels in between.
    expect(new Set(want.map((v) => v.toFixed(4))).size).toBeGreaterThan(10);
  });

  it('the tensor count stays flat across converted simulations', async () => {
    const { snn } = await convert(qcfsNet([1], 4, 3), noData, qcfsRecipe());
    const x = tf.ones([2, 1, 1, 3]);
    runSteps(snn, x, 4);
    const before = tf.memory().numTensors;
    runSteps(snn, x, 4);
    expect(tf.memory().numTensors).toBe(before);
  });
});
