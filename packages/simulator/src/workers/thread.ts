import { type MessagePort, Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.js';

type Waiter = { resolve: (m: FromWorker) => void; reject: (e: Error) => void };

/**
 * One worker thread serving the simulation (serve.ts) and its pending replies. Messages are posted
 * at once and the worker handles them one at a time, in order, so replies come back in the order
 * asked: a job can keep a thread's next piece waiting in the thread itself while the current one
 * runs. The thread is either started for the pool (`Thread.start`: it talks on the worker's own
 * port and ends with it) or lent by another worker that serves the simulation on a port of its own
 * (`Thread.adopt`: ending closes that port and leaves the worker to its owner).
 */
export class Thread {
  private readonly waiting: Waiter[] = [];
  private failure: Error | undefined;

  private constructor(
    readonly script: string,
    private readonly port: Worker | MessagePort,
    private readonly owner: Worker,
  ) {
    port.on('message', (m: FromWorker) => {
      if (m.type === 'error') {
        const e = new Error(`simulation worker: ${m.message}`);
        if (m.stack) e.stack = `${e.message}\n[worker] ${m.stack}`;
        this.fail(e);
      } else this.waiting.shift()?.resolve(m);
    });
    owner.on('error', (e) => this.fail(e));
    owner.on('exit', (code) => this.fail(new Error(`simulation worker exited with code ${code}`)));
    if (port !== owner) port.on('close', () => this.fail(new Error('simulation worker: its port closed')));
  }

  /** A new worker thread running `script` (the pool's worker.js). */
  static start(script: string, execArgv: string[]): Thread {
    const worker = new Worker(script, { execArgv });
    return new Thread(script, worker, worker);
  }

  /** `owner`, which serves the simulation on `port` (its end of a channel), as a thread of the pool's `script`. */
  static adopt(script: string, port: MessagePort, owner: Worker): Thread {
    return new Thread(script, port, owner);
  }

  /** A failure rejects every pending reply: the thread is not used again. */
  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(e);
  }

  /** Has the thread failed (an error reply, a crash, an exit, a closed port)? A failed thread is not reused. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** The worker's thread id. */
  get threadId(): number {
    return this.owner.threadId;
  }

  /** Holds the process open (a thread at work). */
  ref(): void {
    this.port.ref();
  }

  /** Lets the process end (an idle thread). */
  unref(): void {
    this.port.unref();
  }

  /** Ends the thread: terminates a started one; closes a lent one's port (its owner keeps the worker). */
  async end(): Promise<void> {
    this.failure ??= new Error('simulation worker: ended');
    if (this.port === this.owner) await this.owner.terminate();
    else (this.port as MessagePort).close();
  }

  /**
   * Sends a message and resolves with the worker's reply to it. A warm thread may still be starting
   * its backend when its first job is sent: the worker handles the job after the warm-up.
   */
  ask(m: ToWorker, transfer: ArrayBuffer[] = []): Promise<FromWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.port.postMessage(m, transfer);
    });
  }
}
