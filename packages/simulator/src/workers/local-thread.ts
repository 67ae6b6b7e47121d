import { SimHost } from './host.js';
import type { FromWorker, ToWorker } from './protocol.js';

/**
 * The calling thread as one of a parallel run's threads (`simulate({ callingThread: true })`): the
 * pool asks it as it asks a worker, and it handles each message in order on this thread's backend,
 * one per turn of the event loop (`setImmediate`), so that the pool hands out the next pieces and
 * the workers' replies are read between two of its own. One worker thread fewer to start (Node,
 * tfjs, the backend) and to hold in memory, for a caller with nothing else to do meanwhile. Its
 * kernel times are this thread's own `kernelProfile` (recorded there when it is on): it sends none.
 */
export class LocalThread {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly host = new SimHost({
    backend: async () => {}, // the calling thread's backend runs already (the job names it)
    warm: () => {},
    profile: () => {},
    kernels: () => [],
  });

  ask(m: ToWorker): Promise<FromWorker> {
    const reply = this.queue.then(async () => {
      await new Promise<void>((r) => setImmediate(r));
      return (await this.host.handle(m))[0];
    });
    this.queue = reply.catch(() => {});
    return reply;
  }

  /** Drops the job's graph and session. */
  dispose(): void {
    this.host.dispose();
  }
}
