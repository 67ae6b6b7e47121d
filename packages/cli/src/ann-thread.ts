import { availableParallelism } from 'node:os';
import { MessageChannel, type Transferable, Worker } from 'node:worker_threads';
import { type Graph, saveGraph } from '@snn/graph';
import { lendWorker, workerExecArgv } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';
import { annWorkerScript, takeEarlyAnnWorker } from './ann-early.js';
import type { FromAnnWorker, ToAnnWorker } from './ann-protocol.js';

let shared: AnnThread | undefined;

/** The backends an {@link AnnThread} runs on: the CPU ones, where the second core does the work. */
const THREAD_BACKENDS: ReadonlySet<string> = new Set(['wasm', 'cpu']);

/**
 * One worker thread for ANN passes (`ann-worker.ts`), so that the ANN's test pass runs on the
 * second core while this thread calibrates. Requests are answered in the order sent; the thread is
 * unref'd while nothing is pending, so it never holds the process open.
 */
export class AnnThread {
  private readonly worker: Worker;
  private readonly pending: Array<{ resolve: (m: FromAnnWorker) => void; reject: (e: Error) => void }> = [];
  private failure: Error | undefined;
  private readonly sent = new WeakMap<Graph, number>();
  private graphs = 0;

  private constructor(
    script: string,
    readonly backend: string,
  ) {
    // a thread bin.ts started at the process's start (ann-early.ts) was sent its init already
    const early = takeEarlyAnnWorker(backend);
    this.worker = early?.worker ?? new Worker(script, { execArgv: workerExecArgv(process.execArgv) });
    this.worker.unref();
    const reply = (m: FromAnnWorker) => {
      const p = this.pending.shift();
      if (!this.pending.length) this.worker.unref();
      if (m.type === 'error') {
        this.failure ??= new Error(`ANN worker: ${m.message}`);
        p?.reject(this.failure);
      } else p?.resolve(m);
    };
    this.worker.on('message', reply);
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`ANN worker exited with code ${code}`)));
    const init = early ? this.expect() : this.ask({ type: 'init', backend });
    init.catch(() => {}); // a failure fails the requests after it
    for (const m of early?.heard ?? []) reply(m as FromAnnWorker);
  }

  /**
   * A started thread on the backend running here, or undefined with one core, without the built
   * script, or on a backend that is not a CPU one (`THREAD_BACKENDS`: a second thread would
   * share the one GPU, and the graph is handed over through `saveGraph`, whose synchronous reads
   * WebGPU in Node refuses).
   */
  static start(backend = tf.getBackend()): AnnThread | undefined {
    const off = process.env.SNN_ANN_WORKER === 'off' || availableParallelism() < 2 || !THREAD_BACKENDS.has(backend);
    const script = off ? undefined : annWorkerScript();
    const thread = script ? new AnnThread(script, backend) : undefined;
    thread?.lend();
    return thread;
  }

  /**
   * Lends the thread to the simulation pool (@snn/simulator's `lendWorker`): it serves the pool's
   * protocol on a channel of its own beside the ANN requests, and counts as one of the pool's
   * threads, so that a command that calibrates here and then simulates starts one thread fewer (its
   * Node, module hooks, tfjs and backend: `snn eval`'s peak RSS ≈ 40 MB lower, measured). Requests of both kinds are
   * handled in the worker as they come; a simulation and an ANN pass at once share the thread.
   */
  private lend(): void {
    const { port1, port2 } = new MessageChannel();
    this.ask({ type: 'simulate', port: port2 }, [port2]).catch(() => {}); // a failure fails the thread, and the pool's copy with it
    if (!lendWorker(port1, this.worker)) port1.close();
  }

  /** The process's one thread (started on first use, kept while healthy; it never holds the process open). */
  static shared(): AnnThread | undefined {
    if (!shared || shared.failed || shared.backend !== tf.getBackend()) shared = AnnThread.start();
    return shared;
  }

  /** The worker's thread id (the id the simulation pool lists it by once lent). */
  get threadId(): number {
    return this.worker.threadId;
  }

  /** Has the thread failed (it could not start, crashed, or a request failed)? */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.splice(0)) p.reject(this.failure);
  }

  /** Sends one message; resolves with its reply. */
  ask(m: ToAnnWorker, transfer: Transferable[] = []): Promise<FromAnnWorker> {
    if (this.failure) return Promise.reject(this.failure);
    const reply = this.expect();
    this.worker.postMessage(m, transfer);
    return reply;
  }

  /** The next reply, to a message sent now or already (replies come in the order sent); the thread is held open meanwhile. */
  private expect(): Promise<FromAnnWorker> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.ref();
    });
  }

  /** The worker's id of `graph`, sending a copy the first time. */
  graphId(graph: Graph): number {
    let id = this.sent.get(graph);
    if (id === undefined) {
      id = ++this.graphs;
      this.sent.set(graph, id);
      const { json, weights } = saveGraph(graph);
      this.ask({ type: 'graph', id, json, weights }, [weights.buffer as ArrayBuffer]).catch(() => {});
    }
    return id;
  }

  /** Ends the thread. */
  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
