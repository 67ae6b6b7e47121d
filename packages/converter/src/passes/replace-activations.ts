import * as tf from '@tensorflow/tfjs-core';
import type { Graph, GraphNode } from '@snn/graph';

/** Activation ops this converter turns into IF neurons. */
export const SPIKING_ACTIVATIONS = new Set(['ReLU', 'Clip', 'QCFS']);

/** Ops that carry no nonlinearity a rate code cannot express, so they pass spikes through as they are. */
export const LINEAR_OPS = new Set([
  'Conv2d',
  'Linear',
  'BatchNorm',
  'AvgPool2d',
  'GlobalAvgPool',
  'Add',
  'Concat',
  'Flatten',
  'Dropout',
  'Identity',
  'MaxPool2d',
  // From ONNX models as users export them: arithmetic with constants, layout moves, sums and means.
  'Affine',
  'Transpose',
  'Reshape',
  'Reduce',
]);

/** Is this node an activation we convert: ReLU, QCFS, or Clip(0, λ) (a clipped ReLU)? */
export function isConvertibleActivation(n: GraphNode): boolean {
  if (n.op === 'ReLU' || n.op === 'QCFS') return true;
  return n.op === 'Clip' && Number(n.attrs.min ?? 0) === 0 && Number.isFinite(Number(n.attrs.max));
}

/** What {@link replaceActivations} needs for every convertible activation node. */
export interface ReplaceOptions {
  /** θ per activation node: one value, or one per channel. */
  thresholds: Map<string, number[]>;
  /** Initial membrane potential V₀ = v0Fraction · θ (QCFS nodes always get 0.5). */
  v0Fraction: number;
  /** Most spikes an IF neuron may emit per step (1 = plain binary spikes). */
  maxSpikes: number;
  /** Activation nodes to drop instead (an accumulating output layer reads their input). */
  drop: string[];
}

/**
 * Replaces each ReLU / Clip(0, λ) by IF neurons with reset by subtraction whose spikes carry θ
 * (amplitude 'threshold'), so the SNN computes in the ANN's units:
 *
 *   V_t = V_{t−1} + x_t − θ·s_t,   output_t = θ·s_t,   mean_t(output) → clip(x, 0, θ) as T → ∞
 *
 * (SpikingJelly's VoltageScaler(1/θ) → IFNode(θ=1) → VoltageScaler(θ)). A QCFS node always gets
 * V₀ = θ/2 (its θ = λ): then T = L steps of a constant input fire exactly its L-level output.
 * Pure: returns a new graph.
 */
export function replaceActivations(graph: Graph, o: ReplaceOptions): Graph {
  const update: Record<string, { op: string; attrs: Record<string, unknown>; params: Record<string, tf.Tensor> }> = {};
  for (const n of graph.nodes) {
    if (!isConvertibleActivation(n) || o.drop.includes(n.name)) continue;
    const th = o.thresholds.get(n.name);
    if (!th?.length) throw new Error(`no threshold for activation node '${n.name}' (${n.op})`);
    const perChannel = th.length > 1;
    const neuron = {
      vThreshold: perChannel ? 1 : th[0],
      vReset: null,
      v0: { fractionOfThreshold: n.op === 'QCFS' ? 0.5 : o.v0Fraction },
      maxSpikes: o.maxSpikes,
    };
    update[n.name] = {
      op: 'IF',
      attrs: { neuron, amplitude: 'threshold' },
      params: perChannel ? { vThreshold: tf.tensor1d(th, 'float32') } : {},
    };
  }
  return graph.with({ update, remove: o.drop });
}
