import type { CalibrationHelper } from '@snn/converter';
import type { AnnThread } from './ann-thread.js';

/** Batches a helper thread holds at most (one in work, one queued: it never waits for the next). */
const ROOM = 2;

/**
 * The ANN worker as a calibration helper: `calibrate` hands it a batch whenever fewer than two of
 * its batches are pending and observes the others here, so both cores run the pass; the worker's
 * share (per-batch statistics, histograms) is joined in at the end, giving the thresholds of one
 * pass in one thread. `seconds` adds up the worker's time in the pass.
 */
export function threadHelper(thread: AnnThread): CalibrationHelper & { seconds: number } {
  let pending: Promise<unknown>[] = [];
  let failure: unknown;
  const helper = {
    seconds: 0,
    async ready() {
      await new Promise<void>((r) => setImmediate(r)); // the worker's replies come in as events: let them
      return !thread.failed && failure === undefined && pending.length < ROOM;
    },
    begin(graph, nodes, specs) {
      const id = thread.graphId(graph);
      track(thread.ask({ type: 'begin', id, nodes, specs }));
    },
    observe(x, shape, at) {
      track(thread.ask({ type: 'observe', x, shape, at })); // x is copied, not transferred: the caller keeps it
    },
    async end() {
      await Promise.all(pending);
      if (failure !== undefined) throw failure;
      const m = await thread.ask({ type: 'end' });
      if (m.type !== 'share') throw new Error(`ANN worker: unexpected reply ${m.type}`);
      helper.seconds += m.seconds;
      return m.state;
    },
  } satisfies CalibrationHelper & { seconds: number };
  const track = (p: Promise<unknown>) => {
    const q: Promise<unknown> = p
      .catch((e) => {
        failure ??= e;
      })
      .finally(() => {
        pending = pending.filter((x) => x !== q);
      });
    pending.push(q);
  };
  return helper;
}
