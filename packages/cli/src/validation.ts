import type { OutputMeansFn, ValidateFn, ValidationScore } from '@snn/converter';
import { pickSamples, seededPermutation, type Split, stratifiedSubset } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { addReadoutStep, argmaxFirst, outputMeans, outputRecord, predictions, type SopResult, simulate, synapticOps } from '@snn/simulator';
import { SUBSET_SEED } from './data.js';
import { searchThreads } from './search-threads.js';

/**
 * At most this many validation images (a class-stratified, seeded order of the split) can score a
 * candidate of `convert`'s automatic choices. Candidates are raced (`makeChoices`): every one is scored
 * on the first 250 images, paired with the default image by image, and the images double only while a
 * challenger is better but not yet beyond the noise — the standard error of a paired difference is
 * √(d/n), d the share of images on which the two disagree (d = 5 %, n = 3,000: 0.4 points).
 */
export const VALIDATION_RACE_IMAGES = 3000;

/** Validation images a scorer asked for no particular images scores (the first of its order), and what tools that compare a few fixed variants use. */
export const VALIDATION_SCORE_IMAGES = 500;

/** Validation images (class-stratified, seeded) on which the pick's spikes and SOPs per image are counted: a mean over 100 images. */
export const COST_IMAGES = 100;

/**
 * A class-stratified order of all of `labels`: within each class c (m_c samples) the samples in
 * `seededPermutation(N, seed)` order, the j-th of them placed at (j + ½)/m_c, all merged by that
 * place (ties to the lower class). Every prefix holds each class in proportion (±1), so a race can
 * take the first n, then the next n, and so on.
 *
 * @example stratifiedOrder([0, 0, 1, 1], 0) // one of each class, then one of each class
 */
export function stratifiedOrder(labels: ArrayLike<number>, seed: number): Uint32Array {
  const byClass: number[][] = [];
  for (const i of seededPermutation(labels.length, seed)) {
    byClass[labels[i]] ??= [];
    byClass[labels[i]].push(i);
  }
  const placed: Array<[number, number, number]> = [];
  for (const [c, members] of byClass.entries()) if (members) for (const [j, i] of members.entries()) placed.push([(j + 0.5) / members.length, c, i]);
  placed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return Uint32Array.from(placed, (p) => p[2]);
}

/**
 * Scores a candidate SNN on validation images [from, to) of a class-stratified, seeded order of the
 * split ({@link stratifiedOrder}; at most {@link VALIDATION_RACE_IMAGES} of them; without `images`,
 * the first {@link VALIDATION_SCORE_IMAGES}): accuracy at every step up to T from one fast-engine run and, for the steps `at`,
 * each image's correctness — what `convert`'s automatic choices compare, paired. Those are read off the
 * run's outputs per step (the simulator's `outputRecord` monitor, read as its readout reads them), which the scorer
 * keeps: a candidate that is a scored SNN with another readout delay (`undelayed`) is scored on the same
 * images without simulating again. With `costs` (the pick, once): spikes and SOPs per image at every step,
 * counted on {@link COST_IMAGES} of them (the simulator's `synapticOps` monitor, which runs several
 * times slower), with the accuracy on those images.
 */
export function validator(validation: Split | null, batchSize: number): ValidateFn | undefined {
  if (!validation) return undefined;
  const runs: Runs = new WeakMap();
  const order = stratifiedOrder(validation.labels, SUBSET_SEED).subarray(0, Math.min(validation.n, VALIDATION_RACE_IMAGES));
  const few = stratifiedSubset(validation, Math.min(validation.n, COST_IMAGES), SUBSET_SEED).split;
  return async (snn, T, o) => {
    if (!o?.costs) {
      const [from, to] = (o?.images ?? [0, VALIDATION_SCORE_IMAGES]).map((v) => Math.max(0, Math.min(order.length, v)));
      if (to <= from) return { accuracy: new Array<number>(T).fill(0), correct: [], of: order.length };
      const images = pickSamples(validation, order.subarray(from, to));
      const at = o?.at;
      if (!at) return { accuracy: (await simulate(snn, images, { T, batchSize, ...(await searchThreads()) })).accuracy, of: order.length };
      if (images.n * T * outputSize(snn) * 4 > MAX_OUTPUT_RECORD_BYTES) {
        const r = await simulate(snn, images, { T, batchSize, ...(await searchThreads()), monitors: [predictions({ at })] });
        const p = r.monitors?.predictions as number[];
        return { accuracy: r.accuracy, correct: Uint8Array.from(p, (c, j) => (c === images.labels[Math.floor(j / at.length)] ? 1 : 0)), of: order.length };
      }
      // a candidate that differs from a scored SNN only in its readout delay reads its score off that run's outputs
      const base = o?.undelayed ?? (snn.readout.delay ? undefined : snn);
      const key = `${from}:${to}:${T}`;
      let run = base && runs.get(base)?.get(key);
      if (!run) {
        run = recordOutputs(snn, images, T, batchSize);
        if (base) {
          runs.set(base, (runs.get(base) ?? new Map()).set(key, run));
          run.catch(() => runs.get(base)?.delete(key)); // a failed run is not kept for the next candidate
        }
      }
      return { ...readOutputs(await run, snn.readout.delay ?? 0, images.labels, at), of: order.length };
    }
    // one batch per worker: the 100 images in one batch of `batchSize` would run in this thread alone
    const threads = await searchThreads();
    const r = await simulate(snn, few, { T, batchSize: Math.min(batchSize, Math.ceil(few.n / threads.workers)), ...threads, monitors: [synapticOps()] });
    const sop = r.monitors?.synapticOps as SopResult;
    return { accuracy: r.accuracy, spikesPerImage: sop.spikesUpTo, sopsPerImage: sop.sopsUpTo };
  };
}

/** A validation run keeps its outputs per step up to this size (3,000 images × 200 steps × 10 classes: 24 MB); beyond, it keeps per-image predictions only. */
const MAX_OUTPUT_RECORD_BYTES = 64 * 2 ** 20;

const outputSize = (g: Graph) => g.shapeOf(g.outputs[0]).reduce((a, b) => a * b, 1);

/** The outputs per step of the SNNs a validator ran, by SNN (before its readout delay) and `from:to:T` of the images. */
type Runs = WeakMap<Graph, Map<string, Promise<Outputs>>>;

/** One run's outputs, `record[(s·T + t − 1)·K + k]`: sample s, step t, class k. */
interface Outputs {
  record: Float32Array;
  n: number;
  T: number;
  K: number;
}

/** Simulates `snn` on `images` for T steps and keeps its output at every step (shared memory: worker threads write it). */
async function recordOutputs(snn: Graph, images: ReturnType<typeof pickSamples>, T: number, batchSize: number): Promise<Outputs> {
  const K = outputSize(snn);
  const record = new Float32Array(new SharedArrayBuffer(images.n * T * K * 4));
  await simulate(snn, images, { T, batchSize, ...(await searchThreads()), monitors: [outputRecord({ record, size: K })] });
  return { record, n: images.n, T, K };
}

/**
 * Accuracy at every t and per-image correctness at the steps `at` of a readout delayed by `delay` steps, from a
 * run's outputs: S_t = Σ out_τ (from τ = delay + 1 once t > delay), ŷ_t = argmax S_t — the simulator's readout, in
 * its float32 order (`addReadoutStep`, `argmaxFirst`), so the figures are those a run of the delayed SNN gives.
 */
function readOutputs(o: Outputs, delay: number, labels: ArrayLike<number>, at: readonly number[]): Required<Pick<ValidationScore, 'accuracy' | 'correct'>> {
  const { record, n, T, K } = o;
  const counts = new Float64Array(T);
  const correct = new Uint8Array(n * at.length);
  const h = new Int32Array(T + 1).fill(-1);
  at.forEach((t, i) => {
    h[t] = i;
  });
  const sum = new Float32Array(K);
  for (let s = 0; s < n; s++) {
    sum.fill(0);
    for (let t = 1; t <= T; t++) {
      addReadoutStep(sum, record, (s * T + t - 1) * K, t, delay);
      const right = argmaxFirst(sum, 0, K) === labels[s] ? 1 : 0;
      counts[t - 1] += right;
      if (h[t] >= 0) correct[s * at.length + h[t]] = right;
    }
  }
  return { accuracy: Array.from(counts, (c) => c / n), correct };
}

/** Bias correction's SNN means through the simulator's fast engine (chunked, SIMD; workers when large). */
export const fastOutputMeans: OutputMeansFn = async (snn, data, T, at) =>
  (await simulate(snn, { ...data, labels: new Uint8Array(data.n) }, { T, ...(await searchThreads()), monitors: [outputMeans({ at })] })).monitors
    ?.outputMeans as number[];
