import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type Graph, saveGraph } from '@snn/graph';
import { workerExecArgv } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';
import type { FromTrainWorker, ToTrainWorker } from './train-protocol.js';
import { averageGrads, Replica } from './train-replica.js';

/** The training worker script: beside this module in the built package, else the package's dist (sources under vitest). */
function trainWorkerScript(): string | undefined {
  for (const rel of ['./train-worker.js', '../../dist/train-worker.js']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** One training step on a batch: the mean loss before the update. */
export interface Stepper {
  /** The replica on this thread: its variables are the trained network. */
  readonly local: Replica;
  /** Threads computing each step (1: this one only). */
  readonly threads: number;
  step(x: Float32Array, labels: Int32Array, shape: [number, number, number, number], lr: number, seed: number): Promise<number>;
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
  let waiting: { resolve: (m: FromTrainWorker) => void; reject: (e: Error) => void } | undefined;
  const fail = (e: Error) => {
    const w = waiting;
    waiting = undefined;
    w?.reject(e);
  };
  worker.on('message', (m: FromTrainWorker) => {
    const w = waiting;
    waiting = undefined;
    if (m.type === 'error') w?.reject(new Error(`training worker: ${m.message}`));
    else w?.resolve(m);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`training worker exited with code ${code}`)));
  const ask = (m: ToTrainWorker) =>
    new Promise<FromTrainWorker>((resolve, reject) => {
      waiting = { resolve, reject };
      worker.postMessage(m);
    });
  await ask({ type: 'init', backend: tf.getBackend(), graph: saveGraph(initial), lr, seed });
  return {
    local,
    threads: 2,
    async step(x, labels, shape, lrNow, stepSeed) {
      const n = shape[0];
      const mine = Math.ceil(n / 2);
      const theirs = n - mine;
      const per = x.length / n;
      const remote =
        theirs > 0
          ? ask({
              type: 'step',
              x: x.slice(mine * per),
              shape: [theirs, shape[1], shape[2], shape[3]],
              labels: labels.slice(mine),
              seed: stepSeed,
            })
          : undefined;
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
      local.apply(grads, lrNow);
      return (mine * own.loss + theirs * (other?.loss ?? 0)) / n;
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
    async dispose() {
      local.dispose();
    },
  };
}
