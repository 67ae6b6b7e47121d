import type { BatchData } from './engine/batch.js';
import type { ArraySource, LabeledBatch, SimulationData } from './types.js';

/** True for a plain-array data set ({@link ArraySource}). */
export function isArraySource(data: SimulationData): data is ArraySource {
  return (data as ArraySource).images instanceof Float32Array;
}

/** A batch as plain arrays, with the shape of one sample. */
export interface PlainBatch extends BatchData {
  labels: number[];
  shape: number[];
}

/**
 * The data as plain-array batches, numbered by their first sample's index in the run. An
 * {@link ArraySource} is cut into `batchSize` slices (views, no copy); tensor batches are read back
 * as they come (the caller's iterable keeps owning its tensors).
 */
export async function* plainBatches(data: SimulationData, batchSize: number): AsyncGenerator<PlainBatch> {
  if (isArraySource(data)) {
    const size = data.shape.reduce((a, b) => a * b, 1);
    if (data.images.length < data.n * size)
      throw new RangeError(`ArraySource: ${data.n} samples of [${data.shape.join(', ')}] need ${data.n * size} values, images has ${data.images.length}`);
    for (let i = 0; i < data.n; i += batchSize) {
      const count = Math.min(batchSize, data.n - i);
      const labels = Array.from({ length: count }, (_, k) => Number(data.labels[i + k]));
      yield { x: data.images.subarray(i * size, (i + count) * size), labels, first: i, count, shape: [...data.shape] };
    }
    return;
  }
  let first = 0;
  for await (const { x, y } of data as AsyncIterable<LabeledBatch>) {
    const count = x.shape[0];
    if (y.length !== count) throw new RangeError(`a batch has ${count} images but ${y.length} labels`);
    yield { x: x.dataSync() as Float32Array, labels: Array.from(y, Number), first, count, shape: x.shape.slice(1) };
    first += count;
  }
}
