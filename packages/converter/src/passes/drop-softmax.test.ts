import { initBackend } from '@snn/backend';
import { execute, GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convert } from '../convert.js';
import { dropSoftmax } from './drop-softmax.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** x → Affine (input normalisation) → Linear → ReLU → Linear → [Log]Softmax */
function net(log: boolean, alsoReadLogits = false) {
  const b = new GraphBuilder();
  b.input('x', [4]);
  b.add({ name: 'norm', op: 'Affine', inputs: ['x'], params: { scale: tf.tensor1d([2]), shift: tf.tensor1d([-1]) } });
  b.add({ name: 'fc1', op: 'Linear', inputs: ['norm'], params: { weight: tf.randomNormal([4, 6], 0, 1, 'float32', 1), bias: tf.zeros([6]) } });
  b.add({ name: 'relu', op: 'ReLU', inputs: ['fc1'] });
  b.add({ name: 'fc2', op: 'Linear', inputs: ['relu'], params: { weight: tf.randomNormal([6, 3], 0, 1, 'float32', 2) } });
  b.add({ name: 'probs', op: 'Softmax', inputs: ['fc2'], attrs: { log } });
  if (alsoReadLogits) b.add({ name: 'after', op: 'Identity', inputs: ['probs'] });
  return b.output(alsoReadLogits ? 'after' : 'probs').build();
}

describe('dropSoftmax', () => {
  it('removes an output Softmax or LogSoftmax; the logits rank the classes the same', async () => {
    for (const log of [false, true]) {
      const g = net(log);
      const { graph, dropped } = dropSoftmax(g);
      expect(dropped).toEqual([{ node: 'probs', kind: log ? 'LogSoftmax' : 'Softmax' }]);
      expect(graph.outputs).toEqual(['fc2']);
      const x = tf.randomUniform([8, 4], 0, 1, 'float32', 3);
      const probs = (await execute(g, x).outputs[0].array()) as number[][];
      const logits = (await execute(graph, x).outputs[0].array()) as number[][];
      const argmax = (r: number[]) => r.indexOf(Math.max(...r));
      expect(logits.map(argmax)).toEqual(probs.map(argmax));
    }
  });

  it('keeps a Softmax that another node reads', () => {
    expect(dropSoftmax(net(false, true)).dropped).toEqual([]);
  });

  it('convert() drops it, treats Affine as linear, and reports the drop', async () => {
    const calib = [tf.randomUniform([16, 4], 0, 1, 'float32', 4)];
    const { snn, report } = await convert(net(false), calib, { mode: { kind: 'max' }, statistics: 'exact', outputLayer: 'accumulate' });
    expect(report.droppedSoftmax).toEqual([{ node: 'probs', kind: 'Softmax' }]);
    expect(snn.outputs).toEqual(['fc2']);
    expect(snn.nodes.map((n) => n.op)).toEqual(['Affine', 'Linear', 'IF', 'Linear']);
  });

  it('convert() still refuses a Softmax inside the network, naming it', async () => {
    await expect(convert(net(false, true), [tf.zeros([1, 4])], { mode: { kind: 'max' }, statistics: 'exact', outputLayer: 'accumulate' })).rejects.toThrow(
      /node 'probs' \(Softmax\)/,
    );
  });
});

describe('ops for ANN inference only', () => {
  it('convert() refuses Sigmoid by node and op, saying it runs as an ANN only', async () => {
    const b = new GraphBuilder();
    b.input('x', [4]);
    b.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: tf.ones([4, 2]) } });
    b.add({ name: 'gate', op: 'Sigmoid', inputs: ['fc'] });
    await expect(
      convert(b.output('gate').build(), [tf.zeros([1, 4])], { mode: { kind: 'max' }, statistics: 'exact', outputLayer: 'accumulate' }),
    ).rejects.toThrow(/cannot convert node 'gate' \(Sigmoid\).*run only as an ANN/);
  });
});
