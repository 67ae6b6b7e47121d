import type { Graph } from '@snn/graph';
import type * as tf from '@tensorflow/tfjs-core';
import { isArraySource, plainBatches } from '../../data.js';
import type { LabeledBatch, SimulationData } from '../../types.js';
import type { DeviceBatch } from './device-runner.js';

function checkShape(snn: Graph, shape: readonly number[]): void {
  const input = snn.inputs[0];
  if (shape.length !== input.shape.length || shape.some((d, i) => d !== input.shape[i]))
    throw new RangeError(`the data's samples are [${shape.join(', ')}] but graph input '${input.name}' is [${input.shape.join(', ')}] (NHWC, batch excluded)`);
}

/**
 * The data as batches for the device engine. Tensor batches stay where they are (no read back)
 * unless the encoder needs the values on the host (`host`: an encoder that varies in time); an
 * {@link ArraySource} is cut into `batchSize` slices (views).
 */
export async function* deviceBatches(snn: Graph, data: SimulationData, batchSize: number, host: boolean): AsyncGenerator<DeviceBatch> {
  if (isArraySource(data)) {
    for await (const b of plainBatches(data, batchSize)) {
      checkShape(snn, b.shape);
      yield { host: b.x, labels: b.labels, first: b.first, count: b.count };
    }
    return;
  }
  let first = 0;
  for await (const { x, y } of data as AsyncIterable<LabeledBatch>) {
    const count = x.shape[0];
    if (y.length !== count) throw new RangeError(`a batch has ${count} images but ${y.length} labels`);
    checkShape(snn, x.shape.slice(1));
    yield { tensor: x as tf.Tensor, host: host ? ((await x.data()) as Float32Array) : undefined, labels: Array.from(y, Number), first, count };
    first += count;
  }
}
