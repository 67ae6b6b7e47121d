import type { Graph } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import type { SimOptions } from './options.js';
import { simulateReference } from './reference.js';
import type { ArraySource, LabeledBatch, SimulationData, SimulationResult } from './types.js';

/** True for a plain-array data set ({@link ArraySource}). */
export function isArraySource(data: SimulationData): data is ArraySource {
  return (data as ArraySource).images instanceof Float32Array;
}

function* tensorBatches(src: ArraySource, batchSize: number): Generator<LabeledBatch> {
  const size = src.shape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < src.n; i += batchSize) {
    const m = Math.min(batchSize, src.n - i);
    const x = tf.tensor(src.images.subarray(i * size, (i + m) * size), [m, ...src.shape]);
    try {
      yield { x, y: Array.from({ length: m }, (_, k) => src.labels[i + k]) };
    } finally {
      x.dispose();
    }
  }
}

/**
 * Simulates a spiking network over T steps and scores it at every t (see `simulateReference` for
 * the semantics, which every path keeps: outputs summed over steps, argmax, accuracy per t,
 * confusion matrix at T).
 */
export async function simulate(snn: Graph, data: SimulationData, opts: SimOptions): Promise<SimulationResult> {
  const source = isArraySource(data) ? tensorBatches(data, opts.batchSize ?? 100) : data;
  const r = await simulateReference(snn, source, { T: opts.T, onProgress: opts.onProgress });
  return { ...r, path: 'reference', workers: 1 };
}
