// Potential calibration's arithmetic (bias correction split into a persistent bias and a start-up V₀ charge).
import type { GraphNode } from '@snn/graph';
import { nodeNeuronArrays } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';

/** Mean |v|. */
export const meanAbs = (v: Float64Array) => v.reduce((a, x) => a + Math.abs(x), 0) / v.length;

/** Per-channel means (last axis) of `blocks` equal blocks of a flat per-element array. */
export function channelMeans(perElement: ArrayLike<number>, C: number, blocks: number): Float64Array[] {
  const size = perElement.length / blocks;
  return Array.from({ length: blocks }, (_, h) => {
    const m = new Float64Array(C);
    for (let j = 0; j < size; j++) m[j % C] += perElement[h * size + j] / (size / C);
    return m;
  });
}

/** e(t) ≈ a + c/t from e(t₁) and e(T): the persistent error per step a and `fraction`·c, of the start-up charge c (see {@link correctBiases}). */
export function splitError(e1: Float64Array, t1: number, eT: Float64Array, T: number, fraction = 1): { shift: Float64Array; charge: Float64Array } {
  const shift = eT.map((e, i) => (T * e - t1 * e1[i]) / (T - t1));
  return { shift, charge: eT.map((e, i) => fraction * (T * e - shift[i] * T)) };
}

/** An IF node's params with V₀ raised by `charge` per channel: the `v0` param, from the node's own V₀ per channel. */
export function withV0Shift(node: GraphNode, charge: Float64Array): Record<string, tf.Tensor> {
  const now = nodeNeuronArrays(node).v0;
  const v0 = charge.map((c, i) => (now.length === 1 ? now[0] : now[i]) + c);
  return { ...node.params, v0: tf.tensor1d(Float32Array.from(v0)) };
}

/**
 * An IF node's params with its drive (the `drive` param, see `nodeDrive`) raised by `shift` per
 * channel: one value per element of the node's last axis D, channel j mod C (C = `shift.length`;
 * D = H·W·C after a Flatten of NHWC values, D = C without one). `params`: the node's params so far.
 */
export function withDriveShift(node: GraphNode, shift: Float64Array, params: Record<string, tf.Tensor> = { ...node.params }): Record<string, tf.Tensor> {
  const D = node.shape[node.shape.length - 1];
  const now = node.params.drive ? (node.params.drive.dataSync() as Float32Array) : new Float32Array(D);
  const drive = Float32Array.from({ length: D }, (_, j) => now[j] + shift[j % shift.length]);
  return { ...params, drive: tf.tensor1d(drive) };
}
