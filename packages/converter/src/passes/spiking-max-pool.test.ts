import { initBackend } from '@snn/backend';
import { type Graph, GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConversionError, convert } from '../convert.js';
import { autoRecipe, spikingJellyRecipe } from '../recipes.js';
import { biasTargets } from './bias-correction.js';
import { moveMaxPoolBeforeActivation } from './move-maxpool.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const conv = (name: string, input: string, cin: number, cout: number, seed: number) => ({
  name,
  op: 'Conv2d',
  inputs: [input],
  attrs: { pads: [1, 1, 1, 1] },
  params: { weight: tf.randomNormal([3, 3, cin, cout], 0, 0.4, 'float32', seed), bias: tf.fill([cout], 0.05) },
});
const pool = (name: string, input: string) => ({ name, op: 'MaxPool2d', inputs: [input], attrs: { kernel: [2, 2] } });

/**
 * Every MaxPool position: p1 after the first (constant-input) ReLU, p2 after a spiking ReLU, p3
 * after Dropout, p4 right after p3, p5 after an Add, p6 after a ReLU with two readers.
 */
function everyPosition(): Graph {
  const b = new GraphBuilder();
  b.input('x', [16, 16, 1]);
  b.add(conv('c1', 'x', 1, 4, 1));
  b.add({ name: 'r1', op: 'ReLU', inputs: ['c1'] });
  b.add(pool('p1', 'r1')); // 8×8
  b.add(conv('c2', 'p1', 4, 4, 2));
  b.add({ name: 'r2', op: 'ReLU', inputs: ['c2'] });
  b.add(pool('p2', 'r2')); // 4×4
  b.add({ name: 'd', op: 'Dropout', inputs: ['p2'], attrs: { rate: 0.1 } });
  b.add(conv('c3', 'd', 4, 4, 3));
  b.add({ name: 'r3', op: 'ReLU', inputs: ['c3'] });
  b.add({ name: 'd3', op: 'Dropout', inputs: ['r3'], attrs: { rate: 0.1 } });
  b.add(pool('p3', 'd3')); // 2×2
  b.add({ name: 'p4', op: 'MaxPool2d', inputs: ['p3'], attrs: { kernel: [2, 2] } }); // 1×1
  b.add(conv('c4', 'p2', 4, 4, 4));
  b.add({ name: 'r4', op: 'ReLU', inputs: ['c4'] });
  b.add({ name: 'sum', op: 'Add', inputs: ['r4', 'p2'] });
  b.add(pool('p5', 'sum')); // 2×2
  b.add({ name: 'r5', op: 'ReLU', inputs: ['p5'] });
  b.add(pool('p6', 'r5')); // 1×1, r5 is read by p6 and by f2
  b.add({ name: 'f1', op: 'Flatten', inputs: ['p4'] });
  b.add({ name: 'f2', op: 'Flatten', inputs: ['r5'] });
  b.add({ name: 'f3', op: 'Flatten', inputs: ['p6'] });
  b.add({ name: 'cat', op: 'Concat', inputs: ['f1', 'f2', 'f3'], attrs: { axis: -1 } });
  b.add({ name: 'fc', op: 'Linear', inputs: ['cat'], params: { weight: tf.randomNormal([24, 3], 0, 0.3, 'float32', 5), bias: tf.zeros([3]) } });
  return b.output('fc').build();
}

const data = () => [0, 1].map((s) => tf.randomUniform([8, 16, 16, 1], 0, 1, 'float32', s));

describe('max-pooling in the SNN', () => {
  it('moves only the pool whose activation sees constant input, unless asked to move every one', () => {
    const g = everyPosition();
    expect(moveMaxPoolBeforeActivation(g).moved).toEqual(['p1']);
    expect(moveMaxPoolBeforeActivation(g, { inexact: true }).moved).toEqual(['p1', 'p2']);
  });

  for (const [rule, recipe] of [
    ['gate', { ...autoRecipe(8), biasCorrection: false, maxPool: { rule: 'gate' } as const }],
    ['running-max', { ...autoRecipe(8), biasCorrection: false, maxPool: { rule: 'running-max' } as const }],
  ] as const) {
    it(`${rule}: every other position is a SpikingMaxPool2d; no MaxPool2d reads a time-varying value`, async () => {
      const { snn, report } = await convert(everyPosition(), data, recipe);
      expect(report.movedMaxPools).toEqual(['p1']);
      expect(report.spikingMaxPools).toEqual(
        [
          ['p2', 'ReLU'],
          ['p3', 'Dropout'],
          ['p4', 'MaxPool2d'],
          ['p5', 'Add'],
          ['p6', 'ReLU'],
        ].map(([node, reads]) => ({ node, reads, rule, momentum: 1 })),
      );
      expect(snn.nodes.filter((n) => n.op === 'MaxPool2d').map((n) => `${n.name}<-${n.inputs[0]}`)).toEqual(['p1<-c1']);
      expect(snn.node('p2')).toMatchObject({ op: 'SpikingMaxPool2d', attrs: { kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0], rule } });
      expect(snn.node('p2').inputs).toEqual(['r2']);
      expect(snn.node('r2').op).toBe('IF');
    });
  }

  it('pre-spike (SpikingJelly HEAD) moves p2 too and gates the ones it cannot move', async () => {
    const { snn, report } = await convert(everyPosition(), data, spikingJellyRecipe({ kind: 'max' }));
    expect(report.movedMaxPools).toEqual(['p1', 'p2']);
    expect(report.spikingMaxPools.map((p) => `${p.node}:${p.rule}`)).toEqual(['p3:gate', 'p4:gate', 'p5:gate', 'p6:gate']);
    expect(snn.node('p2').op).toBe('MaxPool2d');
  });

  it('refuses, by node and op before calibrating, a pool of spikes it cannot express (dilations), but not one on constant input', async () => {
    const build = (spiking: boolean) => {
      const b = new GraphBuilder();
      b.input('x', [16, 16, 1]);
      const dp = { name: 'dp', op: 'MaxPool2d', attrs: { kernel: [2, 2], dilations: [2, 2] } };
      if (!spiking) b.add({ ...dp, inputs: ['x'] });
      b.add(conv('c1', spiking ? 'x' : 'dp', 1, 2, 1));
      b.add({ name: 'r1', op: 'ReLU', inputs: ['c1'] });
      b.add(conv('c2', 'r1', 2, 2, 2));
      b.add({ name: 'r2', op: 'ReLU', inputs: ['c2'] });
      if (spiking) b.add({ ...dp, inputs: ['r2'] });
      return b.output(spiking ? 'dp' : 'r2').build();
    };
    let batches = 0;
    const counting = () =>
      data().map((t) => {
        batches++;
        return t;
      });
    const err = await convert(build(true), counting, autoRecipe(8)).catch((e) => e);
    expect(err).toBeInstanceOf(ConversionError);
    expect(err.message).toBe(
      "cannot convert node 'dp' (MaxPool2d): it pools spikes (it reads ReLU behind a spiking layer) and a spiking max-pool does not support dilations=[2,2]",
    );
    expect([err.node, err.op, batches]).toEqual(['dp', 'MaxPool2d', 0]);
    await expect(convert(build(false), data, { ...autoRecipe(8), biasCorrection: false })).resolves.toBeDefined();
  });

  it('bias correction reaches every layer driving IF neurons through pools, dropouts and flattens', async () => {
    const { snn } = await convert(everyPosition(), data, { ...autoRecipe(8), biasCorrection: false });
    // a recipe that names no max-pool rule gets DEFAULT_MAX_POOL, the validation split's pick
    expect(snn.node('p2').attrs.rule).toBe('running-max');
    // c1 → p1 → IF; c2 → IF (r2); c3 → IF; c4 → IF; fc is the accumulating output.
    expect(biasTargets(snn)).toEqual([
      { node: 'c1', probe: 'p1', neurons: ['r1'] },
      { node: 'c2', probe: 'c2', neurons: ['r2'] },
      { node: 'c3', probe: 'c3', neurons: ['r3'] },
      { node: 'c4', probe: 'c4', neurons: ['r4'] },
      { node: 'fc', probe: 'fc', neurons: [] },
    ]);
    const b = new GraphBuilder();
    b.input('x', [4, 4, 1]);
    b.add(conv('c', 'x', 1, 2, 1));
    b.add({ name: 'i', op: 'IF', inputs: ['c'], attrs: { neuron: { vThreshold: 1, vReset: null } } });
    b.add(conv('c2', 'i', 2, 2, 2));
    b.add({ name: 'sp', op: 'SpikingMaxPool2d', inputs: ['c2'], attrs: { kernel: 2 } });
    b.add({ name: 'dr', op: 'Dropout', inputs: ['sp'], attrs: { rate: 0.1 } });
    b.add({ name: 'fl', op: 'Flatten', inputs: ['dr'] });
    b.add({ name: 'fd', op: 'Dropout', inputs: ['fl'], attrs: { rate: 0.1 } });
    b.add({ name: 'i2', op: 'IF', inputs: ['fd'], attrs: { neuron: { vThreshold: 1, vReset: null } } });
    expect(biasTargets(b.output('i2').build())).toEqual([
      { node: 'c', probe: 'c', neurons: ['i'] },
      { node: 'c2', probe: 'dr', neurons: ['i2'] },
    ]);
  });
});
