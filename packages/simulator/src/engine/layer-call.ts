import { type ForwardContext, type GraphNode, getLayer } from '@snn/graph';
import type * as tf from '@tensorflow/tfjs-core';

const noState = () => {
  throw new Error('a stateless layer tried to set state');
};

/** Runs a stateless node's layer on batched inputs (inference mode), as `execute()` would. */
export function callLayer(node: GraphNode, inputs: tf.Tensor[]): tf.Tensor {
  const ctx = {
    node,
    inputs,
    training: false,
    noGrad: inputs.map(() => true),
    state: undefined,
    setState: noState,
    updateParam: noState,
    seed: () => 0,
  } as ForwardContext;
  return getLayer(node.op).forward(ctx);
}
