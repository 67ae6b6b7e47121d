// Staged bias correction (each stage replays what an earlier one recorded): the same corrections, bit for bit.
import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../convert.js';
import { autoRecipe } from '../recipes.js';
import { correctBiases } from './bias-correction.js';
import { referenceOutputMeans } from './output-means.js';
import { referenceStagedMeans, type StagedMeansFn } from './staged-means.js';
import { sharedStagedMeans } from './staged-memo.js';
import { cutAt, withRecord } from './stages.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** x[8] → fc1 → r1 → fc2 → r2 → fc3 → … → r5 → fc6, seeded weights: five layers to correct, fed by spikes; fc3 and fc5 narrow. */
function mlp() {
  const widths = [8, 128, 128, 4, 128, 4, 3];
  const b = new GraphBuilder();
  b.input('x', [8]);
  let prev = 'x';
  for (let i = 1; i < widths.length; i++) {
    const weight = tf.randomUniform([widths[i - 1], widths[i]], -0.2, 0.5, 'float32', 10 + i);
    b.add({ name: `fc${i}`, op: 'Linear', inputs: [prev], params: { weight, bias: tf.randomUniform([widths[i]], -0.1, 0.1, 'float32', 20 + i) } });
    prev = `fc${i}`;
    if (i < widths.length - 1) {
      b.add({ name: `r${i}`, op: 'ReLU', inputs: [prev] });
      prev = `r${i}`;
    }
  }
  return b.output(prev).build();
}

const params = async (g: { nodes: readonly { name: string; params: Record<string, tf.Tensor> }[] }) =>
  Object.fromEntries(await Promise.all(g.nodes.flatMap((n) => Object.entries(n.params).map(async ([k, t]) => [`${n.name}/${k}`, Array.from(await t.data())]))));

describe('staged bias correction', () => {
  it('gives the corrections of the whole-graph stages bit for bit, replaying recordings', async () => {
    const ann = mlp();
    const xs = () => [tf.randomUniform([24, 8], 0, 1, 'float32', 7)];
    const { snn } = await convert(ann, xs, { ...autoRecipe(8), choices: undefined, biasCorrection: false });
    const runs: string[] = [];
    const staged: StagedMeansFn = (g, d, T, at, o) => {
      runs.push(`${o.from ? `from ${o.from.node}` : 'images'}${o.record ? ` record ${o.record}` : ''}${o.tap ? ` tap ${o.tap}` : ''}`);
      return referenceStagedMeans(g, d, T, at, o);
    };
    for (const split of [undefined, 5]) {
      runs.length = 0;
      const whole = await correctBiases(ann, snn, xs(), 10, { outputMeans: referenceOutputMeans, split, chargeFraction: 0.5 });
      const parts = await correctBiases(ann, snn, xs(), 10, { stagedMeans: staged, split, chargeFraction: 0.5 });
      expect(parts.corrections).toEqual(whole.corrections);
      expect(await params(parts.graph)).toEqual(await params(whole.graph));
      expect(whole.corrections.map((c) => c.node)).toEqual(['fc2', 'fc3', 'fc4', 'fc5', 'fc6']);
      // each stage records its layer's sums before the bias; the next replays them as that layer's output with its corrected
      // bias and runs only what follows
      expect(runs).toEqual(['images tap fc2/sums', 'from fc2 tap fc3/sums', 'from fc3 tap fc4/sums', 'from fc4 tap fc5/sums', 'from fc5']);
    }
  });

  it('answers a second correction of the same SNN from the memo, stage after stage (recordings handed on)', async () => {
    const ann = mlp();
    const xs = () => [tf.randomUniform([24, 8], 0, 1, 'float32', 7)];
    const { snn } = await convert(ann, xs, { ...autoRecipe(8), choices: undefined, biasCorrection: false });
    let calls = 0;
    const memo = sharedStagedMeans((g, d, T, at, o) => {
      calls++;
      return referenceStagedMeans(g, d, T, at, o);
    });
    const first = await correctBiases(ann, snn, xs(), 6, { stagedMeans: memo });
    expect(calls).toBe(5);
    const again = await correctBiases(ann, snn, xs(), 6, { stagedMeans: memo });
    expect(calls).toBe(5);
    expect(again.corrections).toEqual(first.corrections);
  });

  it('cuts a graph only where every path passes, and records a node beside the output unchanged', async () => {
    const b = new GraphBuilder();
    b.input('x', [2]);
    b.add({
      name: 'a',
      op: 'Linear',
      inputs: ['x'],
      params: {
        weight: tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
      },
    });
    b.add({ name: 'r', op: 'ReLU', inputs: ['a'] });
    b.add({
      name: 'c',
      op: 'Linear',
      inputs: ['r'],
      params: {
        weight: tf.tensor2d([
          [1, 0],
          [0, 1],
        ]),
      },
    });
    b.add({ name: 'sum', op: 'Add', inputs: ['c', 'r'] });
    const g = b.output('sum').build();
    expect(cutAt(g, 'r')?.nodes.map((n) => n.name)).toEqual(['c', 'sum']);
    expect(cutAt(g, 'c')).toBeUndefined(); // sum also reads r, before c
    const x = tf.tensor2d([[1, -1]]);
    const out = withRecord(g, 'a');
    expect(out.shapeOf(out.outputs[0])).toEqual([4]);
    const { execute } = await import('@snn/graph');
    const r = execute(out, x).outputs[0];
    expect(Array.from(await r.data())).toEqual([-2, -2, 0, 0]); // a = (−2, −2); r = 0; sum = 0
  });
});
