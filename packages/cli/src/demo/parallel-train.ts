import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Split } from '@snn/datasets';
import { evaluate, type Graph, saveGraph } from '@snn/graph';
import { workerExecArgv } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';
import { EVAL_BATCH, type FromTrainWorker, type ToTrainWorker } from './train-protocol.js';
import { averageGrads, Replica } from './train-replica.js';

/** The training worker script: beside this module in the built package, else the package's dist (sources under vitest). */
function trainWorkerScript(): string | undefined {
  for (const rel of ['./train-worker.js', '../../dist/train-worker.js']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** One step's batch: NHWC pixels, labels, shape and the step's seed. */
export interface StepBatch {
  x: Float32Array;
  labels: Int32Array;
  shape: [number, number, number, number];
  seed: number;
}

/** One training step on a batch: the mean loss before the update. */
export interface Stepper {
  /** The replica on this thread: its variables are the trained network. */
  readonly local: Replica;
  /** Threads computing each step (1: this one only). */
  readonly threads: number;
  /**
   * One step; `next`, when given, is the batch of the step after it: its worker share is posted as soon as this
   * step's update is, so the worker starts it without waiting for this thread (call `step` with that same batch next).
   */
  step(x: Float32Array, labels: Int32Array, shape: [number, number, number, number], lr: number, seed: number, next?: StepBatch): Promise<number>;
  /**
   * Accuracy of this thread's network (inference mode) on `data`, as `evaluate(local.trainer.graph, data)`: with a
   * worker, the first ⌈B/2⌉ of its B batches of {@link EVAL_BATCH} here and the rest on the worker (given this
   * thread's weights and running statistics), the same batches as one call, so the same count.
   */
  evaluate(data: Split): Promise<number>;
  dispose(): Promise<void>;
}

/**
 * A stepper over `threads` threads (this one and `threads − 1` worker threads; default 2 where the
 * machine has 2 cores or more and the worker script is built): each step's batch is split in
 * contiguous shares, each thread computes its share's gradient, and every replica applies the
 * image-weighted average (see `averageGrads`) at the same time, so the replicas stay equal and a
 * step costs about 1/threads of one thread's. Every share is run with the step's seed (a QCFS network that draws its
 * levels per pass draws the same on every thread). BatchNorm normalises each share by its own batch statistics (as
 * PyTorch's DistributedDataParallel without SyncBatchNorm); the running statistics kept are this
 * thread's. With one thread, a step is the whole batch's (`Trainer.step`).
 */
export async function makeStepper(initial: Graph, lr: number, seed: number, threads = Math.min(2, availableParallelism())): Promise<Stepper> {
  const local = new Replica(initial, lr, seed);
  const script = Math.min(threads, availableParallelism()) > 1 ? trainWorkerScript() : undefined;
  if (!script) return singleStepper(local);
  const worker = new Worker(script, { execArgv: workerExecArgv(process.execArgv) });
  const waiting: { resolve: (m: FromTrainWorker) => void; reject: (e: Error) => void }[] = []; // the worker replies in order
  const fail = (e: Error) => {
    for (const w of waiting.splice(0)) w.reject(e);
  };
  worker.on('message', (m: FromTrainWorker) => {
    const w = waiting.shift();
    if (m.type === 'error') w?.reject(new Error(`training worker: ${m.message}`));
    else w?.resolve(m);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`training worker exited with code ${code}`)));
  const ask = (m: ToTrainWorker) =>
    new Promise<FromTrainWorker>((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage(m);
    });
  await ask({ type: 'init', backend: tf.getBackend(), graph: saveGraph(initial), lr, seed });
  // the worker's share of a step (the second ⌊n/2⌋ images), posted ahead by the step before it
  let ahead: { x: Float32Array; reply: Promise<FromTrainWorker> } | undefined;
  const share = (b: StepBatch): Promise<FromTrainWorker> | undefined => {
    const n = b.shape[0];
    const mine = Math.ceil(n / 2);
    if (n - mine <= 0) return undefined;
    const per = b.x.length / n;
    return ask({ type: 'step', x: b.x.slice(mine * per), shape: [n - mine, b.shape[1], b.shape[2], b.shape[3]], labels: b.labels.slice(mine), seed: b.seed });
  };
  return {
    local,
    threads: 2,
    async step(x, labels, shape, lrNow, stepSeed, next) {
      const n = shape[0];
      const mine = Math.ceil(n / 2);
      const theirs = n - mine;
      const per = x.length / n;
      const posted = ahead?.x === x ? ahead.reply : undefined;
      ahead = undefined;
      const remote = posted ?? share({ x, labels, shape, seed: stepSeed });
      const [xt, yt] = [tf.tensor4d(x.subarray(0, mine * per), [mine, shape[1], shape[2], shape[3]]), tf.tensor1d(labels.subarray(0, mine), 'int32')];
      const own = local.grads(xt, yt, stepSeed);
      tf.dispose([xt, yt]);
      const other = remote && ((await remote) as Extract<FromTrainWorker, { type: 'grads' }>);
      const grads = other
        ? averageGrads([
            { n: mine, grads: own.grads },
            { n: theirs, grads: other.grads },
          ])
        : own.grads;
      worker.postMessage({ type: 'apply', grads, lr: lrNow } satisfies ToTrainWorker); // every replica applies it; the worker while this thread does
      const after = next && share(next); // queued behind the update: the worker's next share starts on the updated weights
      if (next && after) {
        after.catch(() => {}); // awaited by the next step; no unhandled rejection if there is none
        ahead = { x: next.x, reply: after };
      }
      local.apply(grads, lrNow);
      return (mine * own.loss + theirs * (other?.loss ?? 0)) / n;
    },
    async evaluate(data) {
      const per = data.shape[0] * data.shape[1] * data.shape[2];
      const mine = Math.min(data.n, Math.ceil(Math.ceil(data.n / EVAL_BATCH) / 2) * EVAL_BATCH);
      const remote =
        mine < data.n
          ? ask({
              type: 'evaluate',
              graph: saveGraph(local.trainer.graph),
              images: data.images.slice(mine * per, data.n * per),
              labels: data.labels.slice(mine, data.n),
              n: data.n - mine,
            })
          : undefined;
      const own = await evaluate(local.trainer.graph, { images: data.images.subarray(0, mine * per), labels: data.labels, n: mine }, { batchSize: EVAL_BATCH });
      const other = remote && ((await remote) as Extract<FromTrainWorker, { type: 'evaluated' }>);
      return data.n ? (own.correct + (other?.correct ?? 0)) / data.n : 0;
    },
    async dispose() {
      local.dispose();
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

function singleStepper(local: Replica): Stepper {
  return {
    local,
    threads: 1,
    async step(x, labels, shape, lr, seed) {
      const [xt, yt] = [tf.tensor4d(x, shape), tf.tensor1d(labels, 'int32')];
      const { loss, grads } = local.grads(xt, yt, seed);
      tf.dispose([xt, yt]);
      local.apply(grads, lr);
      return loss;
    },
    async evaluate(data) {
      return (await evaluate(local.trainer.graph, data, { batchSize: EVAL_BATCH })).accuracy;
    },
    async dispose() {
      local.dispose();
    },
  };
}
