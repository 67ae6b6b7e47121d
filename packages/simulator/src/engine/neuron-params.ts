import type { GraphNode } from '@snn/graph';
import { neuronParams } from '@snn/graph';
import type * as tf from '@tensorflow/tfjs-core';

/**
 * A spiking node's parameters as float32 arrays, as the tensors would hold them: θ per channel
 * (`C` values, or 1 for a scalar θ), the output amplitude per channel (θ or 1), V₀ per channel.
 */
export interface NeuronArrays {
  model: string;
  /** Channels of the last axis that θ varies over (1 when θ is a number). */
  channels: number;
  theta: Float32Array;
  amp: Float32Array;
  v0: Float32Array;
  /** Hard reset value (float32), or null for reset by subtraction. */
  vReset: number | null;
  maxSpikes: number;
  tau: number;
  decayInput: boolean;
}

/** Reads a spiking node's params once (θ tensors are read back here, not per step). */
export function neuronArrays(node: GraphNode): NeuronArrays {
  const p = neuronParams(node);
  const f = Math.fround;
  const th = p.vThreshold;
  const theta = typeof th === 'number' ? Float32Array.of(f(th)) : Float32Array.from((th as tf.Tensor).dataSync());
  const v0 = new Float32Array(theta.length);
  const init = p.v0 ?? 0;
  for (let c = 0; c < theta.length; c++) {
    // initState: tf.fill(v0) or θ·f in float32 (tf.mul(θ, f) for a tensor θ).
    v0[c] = typeof init === 'number' ? f(init) : f(theta[c] * f(init.fractionOfThreshold));
  }
  const amp = node.attrs.amplitude === 'threshold' ? theta : new Float32Array(theta.length).fill(1);
  return {
    model: node.op,
    channels: theta.length,
    theta,
    amp,
    v0,
    vReset: p.vReset === null ? null : f(p.vReset),
    maxSpikes: p.maxSpikes ?? 1,
    tau: f(p.tau ?? 2),
    decayInput: p.decayInput ?? true,
  };
}
