import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.js';

type Waiter = { resolve: (m: FromWorker) => void; reject: (e: Error) => void };

/**
 * One worker thread and its pending replies. Messages are posted at once and the worker handles
 * them one at a time, in order (worker.ts queues them), so replies come back in the order asked:
 * a job can keep a thread's next piece waiting in the thread itself while the current one runs.
 */
export class Thread {
  readonly worker: Worker;
  private readonly waiting: Waiter[] = [];
  private failure: Error | undefined;

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
      } else this.waiting.shift()?.resolve(m);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => {
      if (this.waiting.length) this.fail(new Error(`simulation worker exited with code ${code}`));
    });
  }

  /** A failure rejects every pending reply: the thread is not used again. */
  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(e);
  }

  /** Has the thread failed (an error reply, a crash or an exit)? A failed thread is not reused. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Replies not yet received. */
  get pending(): number {
    return this.waiting.length;
  }

  /**
   * Sends a message and resolves with the worker's reply to it. A warm thread may still be starting
   * its backend when its first job is sent: the worker handles the job after the warm-up.
   */
  ask(m: ToWorker, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(m, transfer);
    });
  }
}
