// Runs an imported graph on NCHW data, the way PyTorch would see it.
import { initBackend } from '@snn/backend';
import { execute, type Graph } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import type { T } from './reference-ops.js';

export async function useBackend(name: 'wasm' | 'cpu' = 'wasm'): Promise<void> {
  if (tf.getBackend() !== name) await initBackend(name);
}

/** Feeds NCHW, NCL (as [N, C, 1, L]) or [N, F] data, returns the first output in NCHW (or [N, K]). */
export function runNchw(graph: Graph, x: T): T {
  return tf.tidy(() => {
    let input = tf.tensor(x.data, x.dims.length === 3 ? [x.dims[0], x.dims[1], 1, x.dims[2]] : x.dims, 'float32');
    if (input.rank === 4) input = tf.transpose(input, [0, 2, 3, 1]);
    let y = execute(graph, input).outputs[0];
    if (y.rank === 4) y = tf.transpose(y, [0, 3, 1, 2]);
    return { dims: y.shape, data: y.dataSync() as Float32Array };
  });
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
