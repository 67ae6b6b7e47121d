import { type ForwardContext, type GraphNode, getLayer } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import type { ChunkValues } from './chunk-values.js';
import type { ChunkIO } from './kernels/types.js';
import type { Plan, PlanNode } from './plan.js';

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

/** Computes every static node of the plan once (`[B, …]`) into `statics`, which holds the graph input. */
export function runStatics(plan: Plan, statics: Map<string, tf.Tensor>): void {
  for (const p of plan.nodes) {
    if (p.role !== 'static') continue;
    const ins = p.node.inputs.map((i) => statics.get(i) as tf.Tensor);
    statics.set(
      p.node.name,
      tf.tidy(() => callLayer(p.node, ins)),
    );
  }
}

/** A stateless node's view of a chunk: input k from the chunk's values, or a static value tiled over the `steps`. */
export function layerIO(p: PlanNode, values: ChunkValues, statics: Map<string, tf.Tensor>, steps: number, rows: number): ChunkIO {
  const input = (k: number): tf.Tensor => {
    const name = p.node.inputs[k];
    const s = p.staticInputs[k] ? statics.get(name) : undefined;
    if (!s) return values.tensor(name);
    return steps === 1 ? s : tf.tile(s, [steps, ...s.shape.slice(1).map(() => 1)]);
  };
  return { values, rows, input };
}
