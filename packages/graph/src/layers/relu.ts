import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { withGrad } from './train/custom-grad.js';

/**
 * Rectified linear unit: y = max(x, 0), elementwise. In training mode its gradient is
 * dx = dy·H(x) (H(x) = 1 for x > 0, else 0: tfjs' Step), the value tfjs' own Relu gradient gives,
 * without its float-to-float cast (a full copy of x).
 *
 * @example
 * b.add({ name: 'relu1', op: 'ReLU', inputs: ['bn1'] });
 */
export const relu: LayerDef = {
  op: 'ReLU',
  inferShape: ({ inputShapes: [x] }) => [...x],
  forward: ({ inputs: [x], training }) =>
    training
      ? withGrad([x], ([xi], save) => {
          save([xi]);
          return { value: tf.relu(xi), gradFunc: (dy, [xs]) => [tf.mul(dy, tf.step(xs))] };
        })
      : tf.relu(x),
};
