import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { MessagePort, Worker } from 'node:worker_threads';
import { saveGraph } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import type { ParallelJob, ParallelResult, ParallelRunner } from '../parallel.js';
import { LocalThread } from './local-thread.js';
import type { FromWorker, ToWorker } from './protocol.js';
import type { Thread } from './thread.js';
import { PIECES_BESIDE_CALLER, pickThread } from './pick.js';
import { adoptWorker, prestartWorkers as prestart, releaseThreads, takeThreads, workerKernelTimes } from './warm.js';

/**
 * The worker script: `worker.js` beside this module (the built package), else the package's
 * `./worker` export (when this code runs from sources or from a bundle). Undefined when neither exists.
 */
export function workerScript(): string | undefined {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const dist = fileURLToPath(new URL('../../dist/worker.js', import.meta.url));
  if (existsSync(dist)) return dist;
  try {
    return createRequire(import.meta.url).resolve('@snn/simulator/worker');
  } catch {
    return undefined;
  }
}

/**
 * The parent's Node flags without custom export conditions: the worker is built JavaScript and must
 * load built packages, even when the parent resolves sources (`--conditions snn-source` under vitest).
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--conditions' || a === '-C') i++;
    else if (!a.startsWith('--conditions=') && !a.startsWith('-C=')) out.push(a);
  }
  return out;
}

/**
 * Starts simulation worker threads now (default: one per core, on the tfjs backend running here)
 * so that they are ready when the next `simulate()` hands out batches; their start-up overlaps
 * what the caller does meanwhile (data, ANN pass, calibration). A no-op where the worker script is missing.
 *
 * @example prestartWorkers(); const { snn } = await convert(ann, data, recipe); await simulate(snn, test, { T: 64 });
 */
export function prestartWorkers(o: { backend?: string; workers?: number } = {}): void {
  const script = workerScript();
  if (script) prestart({ backend: o.backend ?? tf.getBackend(), workers: o.workers, script, execArgv: workerExecArgv(process.execArgv) });
}

/**
 * Lends `owner`, a worker that serves the simulation on `port` (`serveSimulation` at the other end
 * of a channel, on the tfjs backend running here), to the pool: it counts as one of the threads that
 * {@link prestartWorkers} would start and simulates a share of the next jobs. False (nothing taken)
 * where the worker script is missing.
 *
 * @example const { port1, port2 } = new MessageChannel(); worker.postMessage({ serve: port2 }, [port2]); lendWorker(port1, worker);
 */
export function lendWorker(port: MessagePort, owner: Worker): boolean {
  const script = workerScript();
  if (script) adoptWorker({ port, owner, script, backend: tf.getBackend() });
  return script !== undefined;
}

/** Runs a job on `job.workers` threads of `script` (default {@link workerScript}); with `job.callingThread`, one of them is this thread. */
export async function runInWorkers(job: ParallelJob, script = workerScript()): Promise<ParallelResult> {
  if (!script) throw new Error('@snn/simulator: the worker script (dist/worker.js) was not found; build the package or pass workers: 1');
  const graph = saveGraph(job.graph);
  const local = job.callingThread ? new LocalThread() : undefined;
  const workers = takeThreads(job.workers - (local ? 1 : 0), script, workerExecArgv(process.execArgv));
  const threads: Array<Thread | LocalThread> = local ? [local, ...workers] : workers;
  let chunk: number | undefined;
  try {
    const init: ToWorker = {
      type: 'init',
      backend: job.backend,
      graph,
      T: job.T,
      encoder: job.encoder,
      monitors: job.monitors,
      engine: job.engine,
      profile: workerKernelTimes.on,
    };
    const load = new Map(threads.map((t) => [t, 0]));
    const running = new Set<Promise<void>>();
    let failed: Error | undefined;
    let notify: (() => void) | undefined;
    const track = (p: Promise<unknown>, then: (m: FromWorker) => void = () => {}) => {
      const q: Promise<void> = p
        .then((m) => then(m as FromWorker))
        .catch((e: Error) => {
          failed ??= e;
        })
        .finally(() => {
          running.delete(q);
          const n = notify;
          notify = undefined;
          n?.();
        });
      running.add(q);
    };
    for (const t of threads) track(t.ask(init));
    let id = 0;
    let handed = 0;
    // beside the calling thread, which hands out a piece between two of its own, shallow queues: the threads end together
    const room = local ? (t: Thread | LocalThread) => (t === local ? 1 : PIECES_BESIDE_CALLER) : undefined;
    const pick = (count: number) => pickThread(load, count, job.total === undefined ? undefined : job.total - handed, room);
    for await (const b of job.batches) {
      let t = pick(b.count);
      while (t === undefined && !failed) {
        await new Promise<void>((r) => {
          notify = r;
        });
        t = pick(b.count);
      }
      if (failed || t === undefined) break;
      const thread = t;
      load.set(thread, (load.get(thread) as number) + 1);
      handed += b.count;
      const x = b.x.slice(); // a copy to transfer: the caller's arrays stay intact
      const ask = thread.ask({ type: 'batch', id: id++, x, labels: b.labels, first: b.first, count: b.count }, [x.buffer as ArrayBuffer]);
      track(ask, (m) => {
        load.set(thread, (load.get(thread) as number) - 1);
        if (m.type !== 'done') throw new Error(`simulation worker: unexpected reply ${m.type}`);
        chunk = m.chunk;
        job.onBatch({ correct: m.correct, predictions: m.predictions, classes: m.classes }, b);
      });
    }
    await Promise.all(running);
    if (failed) throw failed;
    const finished = await Promise.all(threads.map(async (t) => (await t.ask({ type: 'finish' })) as Extract<FromWorker, { type: 'finished' }>));
    for (const f of finished) workerKernelTimes.add(f.kernels ?? []);
    const partials = finished.map((f) => f.partials);
    return { partials, workers: threads.length, chunk };
  } finally {
    local?.dispose();
    await releaseThreads(workers);
  }
}

/**
 * Worker threads of Node: one tfjs backend per thread, batches handed to whichever is idle.
 *
 * Hand-written rather than piscina/tinypool: each thread holds a session (backend, graph, kernels,
 * monitors) set up once by an `init` message and is asked for its monitors' partials at the end,
 * which a task pool does not address per thread. Measured against tinypool 2.2 on the same pieces
 * (`node bench/pool.bench.mjs`, 2 threads, a loaded 2-core machine): equal at the simulator's piece
 * cost (`POOL_PIECES=40 POOL_OPS=400000`: ours / tinypool 0.98), tinypool 1.4× faster on pieces of a
 * few ms (`POOL_PIECES=120`, default ops), where its queueing ahead hides the round trip that ours
 * waits out with one piece in flight per thread.
 */
export const workerThreadsRunner: ParallelRunner = {
  cores: () => availableParallelism(),
  available: () => workerScript() !== undefined,
  run: (job) => runInWorkers(job),
};
