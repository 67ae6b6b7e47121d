import type { StagedMeansFn } from '@snn/converter';
import { MICRO_BATCH, outputMeans, outputRecord, replayEncoder, simulate, valueRecord } from '@snn/simulator';
import { type SearchThreads, searchThreads } from './search-threads.js';

/**
 * Staged bias correction's runs through the simulator's fast engine on `workers()` threads: a
 * recording replayed as the input (`replayEncoder`), the first values of the output recorded and the
 * rest averaged (`outputRecord`), both over SharedArrayBuffers so that worker threads read and write
 * them in place (a run with neither is an `outputMeans` run, as whole-graph bias correction's); a
 * tapped node's values recorded through the engine's values hook (`valueRecord`), beside the means.
 * No run is scored (readout `none`): only the monitors are read.
 * Runs that start together (`auto`'s candidates correct their biases at once) share the free worker
 * threads (`threads`, `searchThreads` (search-threads.ts)); a run left without one runs here. One thread, here
 * or a worker, sums the means in the same order.
 */
export function stagedMeansOn(threads: () => Promise<SearchThreads> = searchThreads): StagedMeansFn {
  return async (snn, data, T, at, o) => {
    const k = o.record ?? 0;
    const tapSize = o.tap ? snn.shapeOf(o.tap).reduce((a, b) => a * b, 1) : 0;
    const { workers, offThread } = await threads();
    const values = new Float32Array(new SharedArrayBuffer(Math.max(1, data.n * T * (k || tapSize)) * 4));
    const input = snn.inputs[0].shape;
    // a replay reads its recording, not the images: any array of the cut graph's input shape will do
    const images = o.from ? new Float32Array(data.n * input.reduce((a, b) => a * b, 1)) : data.images;
    const r = await simulate(
      snn,
      { images, n: data.n, shape: o.from ? [...input] : data.shape, labels: new Uint8Array(data.n) },
      {
        T,
        workers,
        offThread,
        // in this thread, batches of one engine micro-batch (they group the images as larger ones do): the event loop
        // (worker replies of a concurrent run) is served that often; same sums
        ...(workers === 1 && !offThread ? { batchSize: MICRO_BATCH } : {}),
        ...(o.from ? { encoder: replayEncoder({ values: o.from.values, T: o.from.T, size: o.from.size, shift: o.from.shift }) } : {}),
        readout: 'none', // only the monitors are wanted
        monitors: o.tap
          ? [outputMeans({ name: 'means', at }), valueRecord({ node: o.tap, record: values, size: tapSize })]
          : [k ? outputRecord({ name: 'means', record: values, size: k, at }) : outputMeans({ name: 'means', at })],
      },
    );
    return { means: r.monitors?.means as number[], ...(k || o.tap ? { recorded: { values, T } } : {}) };
  };
}

/** {@link stagedMeansOn} the search's threads (`searchThreads` (search-threads.ts): the free workers, shared by the runs that start together). */
export const fastStagedMeans: StagedMeansFn = stagedMeansOn();
