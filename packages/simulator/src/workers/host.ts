import { type Graph, loadGraph } from '@snn/graph';
import type { KernelTime } from '../engine/chunk-profile.js';
import { SimSession } from '../engine/session.js';
import { encoderFromSpec } from '../encoders/registry.js';
import type { FromWorker, InitMessage, ToWorker } from './protocol.js';

/** What a host does that depends on the thread it runs in. */
export interface HostThread {
  /** Starts tfjs backend `name` unless it already runs here. */
  backend(name: string): Promise<void>;
  /** The `warm` message's extra start-up (compiling kernels ahead of the first job). */
  warm(): void;
  /** Turns this thread's kernel profile on or off for a job (`init.profile`). */
  profile(on: boolean): void;
  /** The kernel times recorded here, sent with the partials. */
  kernels(): KernelTime[];
}

/**
 * One simulation session driven by the pool's messages (protocol.ts), one reply per message with
 * the buffers it transfers: the body of a worker thread (worker-main.ts), and of the calling
 * thread's share of a run (`LocalThread`). The graph arrives as a `saveGraph` copy; a reused host
 * drops the previous job's.
 */
export class SimHost {
  private session: SimSession | undefined;
  private graph: Graph | undefined;

  constructor(private readonly thread: HostThread) {}

  async handle(m: ToWorker): Promise<[FromWorker, ArrayBuffer[]]> {
    if (m.type === 'warm') {
      await this.thread.backend(m.backend);
      this.thread.warm();
      return [{ type: 'ready' }, []];
    }
    if (m.type === 'init') return [await this.init(m), []];
    if (m.type === 'batch') {
      const s = this.session as SimSession;
      const o = s.runBatch({ x: m.x, labels: m.labels, first: m.first, count: m.count });
      return [
        { type: 'done', id: m.id, correct: o.correct, predictions: o.predictions, classes: o.classes, chunk: s.chunk ?? 0 },
        [o.correct.buffer as ArrayBuffer, o.predictions.buffer as ArrayBuffer],
      ];
    }
    const kernels = this.thread.kernels();
    return [{ type: 'finished', partials: this.session?.partials() ?? [], ...(kernels.length ? { kernels } : {}) }, []];
  }

  private async init(m: InitMessage): Promise<FromWorker> {
    await this.thread.backend(m.backend);
    this.graph?.dispose();
    this.graph = loadGraph(m.graph.json, m.graph.weights);
    this.thread.profile(m.profile === true);
    this.session = new SimSession(this.graph, { T: m.T, encoder: encoderFromSpec(m.encoder), monitors: m.monitors, engine: m.engine });
    return { type: 'ready' };
  }

  /** Disposes the job's graph (a host that is not reused). */
  dispose(): void {
    this.graph?.dispose();
    this.graph = undefined;
    this.session = undefined;
  }
}
