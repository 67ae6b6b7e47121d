import type { StagedMeansFn } from '@snn/converter';
import { MICRO_BATCH, outputMeans, outputRecord, replayEncoder, simulate } from '@snn/simulator';
import { searchWorkers } from './validation.js';

/**
 * Staged bias correction's runs through the simulator's fast engine on `workers()` threads: a
 * recording replayed as the input (`replayEncoder`), the first values of the output recorded and the
 * rest averaged (`outputRecord`), both over SharedArrayBuffers so that worker threads read and write
 * them in place (a run with neither is an `outputMeans` run, as whole-graph bias correction's).
 */
export function stagedMeansOn(workers: () => number): StagedMeansFn {
  return async (snn, data, T, at, o) => {
    const k = o.record ?? 0;
    const threads = workers();
    const values = new Float32Array(new SharedArrayBuffer(Math.max(1, data.n * T * k) * 4));
    const input = snn.inputs[0].shape;
    // a replay reads its recording, not the images: any array of the cut graph's input shape will do
    const images = o.from ? new Float32Array(data.n * input.reduce((a, b) => a * b, 1)) : data.images;
    const r = await simulate(
      snn,
      { images, n: data.n, shape: o.from ? [...input] : data.shape, labels: new Uint8Array(data.n) },
      {
        T,
        workers: threads,
        // in this thread, batches of one engine micro-batch (they group the images as larger ones do): the event loop
        // (worker replies of a concurrent run) is served that often; same sums
        ...(threads === 1 ? { batchSize: MICRO_BATCH } : {}),
        ...(o.from ? { encoder: replayEncoder({ values: o.from.values, T: o.from.T, size: o.from.size }) } : {}),
        monitors: [k ? outputRecord({ name: 'means', record: values, size: k, at }) : outputMeans({ name: 'means', at })],
      },
    );
    return { means: r.monitors?.means as number[], ...(k ? { recorded: { values, T } } : {}) };
  };
}

/** {@link stagedMeansOn} the search's threads (`searchWorkers`: one per core, none while another simulation holds them all). */
export const fastStagedMeans: StagedMeansFn = stagedMeansOn(searchWorkers);
