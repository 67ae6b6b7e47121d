import * as tf from '@tensorflow/tfjs-core';
import type { Graph, GraphNode } from '@snn/graph';

/** Ops whose output channels (last axis of weight and bias) a following BatchNorm can fold into. */
const FOLDABLE = new Set(['Conv2d', 'Linear']);

/** One BatchNorm removed by {@link foldBatchNorm}: its node name and the Conv2d / Linear that absorbed it. */
export interface FoldedBatchNorm {
  /** The BatchNorm node, gone from the SNN. */
  batchNorm: string;
  /** The Conv2d / Linear node whose W and b now carry γ/σ and β − μ·γ/σ. */
  into: string;
}

/**
 * Folds each BatchNorm into the Conv2d / Linear that feeds it (and nothing else), per output channel c:
 *
 *   W̄[..., c] = W[..., c] · γ_c / σ_c      b̄_c = (b_c − μ_c) · γ_c / σ_c + β_c      σ_c = √(var_c + ε)
 *
 * Pure: returns a new graph (new tensors for the folded layers; the input graph is untouched) and
 * the list of folds. A BatchNorm that follows anything else, or whose producer has other readers,
 * stays as it is.
 */
export function foldBatchNorm(graph: Graph): { graph: Graph; folded: FoldedBatchNorm[] } {
  const folded: FoldedBatchNorm[] = [];
  const update: Record<string, { params: Record<string, tf.Tensor> }> = {};
  for (const bn of graph.nodes) {
    if (bn.op !== 'BatchNorm') continue;
    const producerName = bn.inputs[0];
    if (!graph.has(producerName)) continue;
    const producer = graph.node(producerName);
    if (!FOLDABLE.has(producer.op) || graph.consumers(producer.name).length !== 1 || graph.outputs.includes(producer.name)) continue;
    update[producer.name] = { params: foldedParams(producer, bn) };
    folded.push({ batchNorm: bn.name, into: producer.name });
  }
  if (!folded.length) return { graph, folded };
  return { graph: graph.with({ update, remove: folded.map((f) => f.batchNorm) }), folded };
}

function foldedParams(layer: GraphNode, bn: GraphNode): Record<string, tf.Tensor> {
  const { gamma, beta, mean, var: variance } = bn.params;
  const eps = Number(bn.attrs.eps ?? 1e-5);
  return tf.tidy(() => {
    const k = tf.div(gamma, tf.sqrt(tf.add(variance, eps))); // γ/σ per output channel
    const bias = layer.params.bias ?? tf.zerosLike(mean);
    return {
      ...layer.params,
      weight: tf.mul(layer.params.weight, k), // broadcasts over the last (output-channel) axis
      bias: tf.add(tf.mul(tf.sub(bias, mean), k), beta),
    };
  });
}
