import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.js';

/** One worker thread and its pending reply. */
export class Thread {
  readonly worker: Worker;
  private waiting: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;
  private last: Promise<unknown> = Promise.resolve();

  constructor(
    readonly script: string,
    execArgv: string[],
  ) {
    this.worker = new Worker(script, { execArgv });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'error') {
        const e = new Error(`simulation worker: ${m.message}`);
        if (m.stack) e.stack = `${e.message}\n[worker] ${m.stack}`;
        this.fail(e);
      } else this.settle(m);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => {
      if (this.waiting) this.fail(new Error(`simulation worker exited with code ${code}`));
    });
  }

  private settle(m: FromWorker): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.resolve(m);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = undefined;
    w?.reject(e);
  }

  /** Has the thread failed (an error reply, a crash or an exit)? A failed thread is not reused. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Sends a message and resolves with the worker's reply. Messages wait for the reply to the one
   * before (a warm thread may still be starting its backend when its first job is sent).
   */
  ask(m: ToWorker, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    const p = this.last.then(
      () => this.send(m, transfer),
      () => this.send(m, transfer),
    );
    this.last = p;
    return p;
  }

  private send(m: ToWorker, transfer: ArrayBuffer[]): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(m, transfer);
    });
  }
}
