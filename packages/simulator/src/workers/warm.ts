import { availableParallelism } from 'node:os';
import type { MessagePort, Worker } from 'node:worker_threads';
import { type KernelTime, timeKey } from '../engine/chunk-profile.js';
import { Thread } from './thread.js';

/** Idle threads, started ahead of a job or kept from one: unref'd, so they never hold the process open. */
const idle: Thread[] = [];

/**
 * Starts simulation worker threads now, so that their start-up (Node, tfjs, the backend: about
 * 0.3–1 s each) overlaps the caller's own work — loading data, the ANN pass, calibration — instead
 * of delaying the first simulated batch. The next `simulate({ workers })` takes them; threads that
 * a job used are kept for the next one the same way. Idle threads are unref'd: they never keep the
 * process alive.
 *
 * @param workers threads to have ready (default: one per core); those already idle count
 * @example prestartWorkers({ backend: 'wasm' }); // then load and convert; simulate() finds them warm
 */
export function prestartWorkers(o: { backend: string; workers?: number; script: string; execArgv: string[] }): void {
  dropFailed();
  const want = o.workers ?? availableParallelism();
  for (let k = idle.filter((t) => t.script === o.script).length; k < want; k++) {
    keepIdle(Thread.start(o.script, o.execArgv), o.backend);
  }
}

/** Warms `t` (its backend, its kernels) and keeps it idle for the next job. */
function keepIdle(t: Thread, backend: string): void {
  t.ask({ type: 'warm', backend }).catch(() => {}); // a failure marks the thread failed: it is not used
  t.unref();
  idle.push(t);
}

/**
 * Takes a worker that serves the simulation on `port` (`serveSimulation` on the other end of a
 * channel) into the idle threads of `script`, so that jobs and {@link prestartWorkers} count it as
 * one of theirs: a thread that another part of the program started anyway (the CLI's ANN worker)
 * simulates too, and one thread start fewer is paid. The worker stays its owner's: ending it here
 * closes the port only.
 */
export function adoptWorker(o: { port: MessagePort; owner: Worker; script: string; backend: string }): void {
  keepIdle(Thread.adopt(o.script, o.port, o.owner), o.backend);
}

/** Ends and forgets the idle threads that failed while they waited (a crash; a lent one's owner closed it). */
function dropFailed(): void {
  for (let i = idle.length - 1; i >= 0; i--) if (idle[i].failed) void idle.splice(i, 1)[0].end();
}

/** Threads taken by running jobs. */
let inUse = 0;

/**
 * Are all the pool's threads taken by a running simulation (none idle)? Then another simulation
 * on workers starts threads of its own, each a second or so of start-up on cores that are already
 * busy: a small simulation made meanwhile (bias correction while `snn demo` simulates) is better run
 * in the calling thread.
 */
export function workersBusy(): boolean {
  return inUse > 0 && idle.every((t) => t.failed);
}

/**
 * Worker threads a new simulation can take without starting any: the idle ones while a job holds
 * some, else (no job running) one per core, which `takeThreads` starts where they are missing. A
 * search that runs several small simulations at once asks this, so that the second does not start
 * threads of its own on cores the first already keeps busy.
 */
export function freeWorkers(): number {
  return inUse > 0 ? idle.filter((t) => !t.failed).length : availableParallelism();
}

/** `n` threads of `script`: idle ones first, new ones for the rest; each is ref'd while in use. */
export function takeThreads(n: number, script: string, execArgv: string[]): Thread[] {
  dropFailed();
  const out: Thread[] = [];
  for (let i = 0; i < idle.length && out.length < n; ) {
    const t = idle[i];
    if (t.script === script) {
      idle.splice(i, 1);
      t.ref();
      out.push(t);
    } else i++;
  }
  while (out.length < n) out.push(Thread.start(script, execArgv));
  inUse += out.length;
  return out;
}

/** Gives threads back after a job: healthy ones wait idle for the next (up to one per core), the rest end. */
export async function releaseThreads(threads: readonly Thread[]): Promise<void> {
  inUse -= threads.length;
  const end: Thread[] = [];
  for (const t of threads) {
    if (t.failed || idle.length >= availableParallelism()) end.push(t);
    else {
      t.unref();
      idle.push(t);
    }
  }
  await Promise.all(end.map((t) => t.end()));
}

/** Ends every idle thread (tests; a long-lived host that wants the memory back). */
export async function stopIdleWorkers(): Promise<void> {
  await Promise.all(idle.splice(0).map((t) => t.end()));
}

/** The thread ids of the idle threads (what a test checks reuse by). */
export const idleThreadIds = (): number[] => idle.map((t) => t.threadId);

/**
 * Per-node kernel times of the worker threads, summed over every parallel simulation since
 * `start()` (each thread records with `kernelProfile` and sends its times with its partials):
 * what `snn --profile` shows as simulation time per layer kind. Off by default.
 */
export const workerKernelTimes = {
  on: false,
  times: new Map<string, KernelTime>(),
  /** Clears and starts recording. */
  start(): void {
    this.on = true;
    this.times.clear();
  },
  /** Adds one thread's times (node by node). */
  add(kernels: readonly KernelTime[]): void {
    for (const k of kernels) {
      const key = timeKey(k);
      const e = this.times.get(key) ?? { ...k, ms: 0, calls: 0 };
      e.ms += k.ms;
      e.calls += k.calls;
      this.times.set(key, e);
    }
  },
  /** What was recorded, largest first; `stop` ends recording. */
  read(stop = false): KernelTime[] {
    if (stop) this.on = false;
    return [...this.times.values()].sort((a, b) => b.ms - a.ms);
  },
};
