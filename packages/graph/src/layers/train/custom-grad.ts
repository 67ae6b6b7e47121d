import * as tf from '@tensorflow/tfjs-core';

/** The forward of an op with a hand-written gradient: its value and, from dy, one gradient per input. */
export type GradOp = (inputs: tf.Tensor[], save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] };

/** Applies `op` to `inputs` through `tf.customGrad`, with typed arguments. */
export function withGrad(inputs: tf.Tensor[], op: GradOp): tf.Tensor {
  const f = tf.customGrad(((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args.pop() as tf.GradSaveFunc;
    return op(args as tf.Tensor[], save);
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return f(...inputs);
}
