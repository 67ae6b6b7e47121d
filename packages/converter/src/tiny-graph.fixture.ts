// A two-neuron test graph shared by the converter's tests (calibrate, the auto search); not exported.
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';

/** x → fc1 (I₂) → r1 (ReLU) → fc2 ([[1],[1]]) → out (ReLU). */
export function tiny() {
  const b = new GraphBuilder();
  b.input('x', [2]);
  b.add({ name: 'fc1', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(2), bias: tf.zeros([2]) } });
  b.add({ name: 'r1', op: 'ReLU', inputs: ['fc1'] });
  b.add({ name: 'fc2', op: 'Linear', inputs: ['r1'], params: { weight: tf.tensor2d([[1], [1]]) } });
  b.add({ name: 'out', op: 'ReLU', inputs: ['fc2'] });
  return b.output('out').build();
}
