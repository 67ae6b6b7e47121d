import { freeWorkers } from '@snn/simulator';

/** The threads one of the search's simulations runs on: `simulate`'s `workers` and `offThread`. */
export interface SearchThreads {
  workers: number;
  /** One worker thread, not this one (`simulate`'s `offThread`). */
  offThread?: boolean;
}

let waiting: Array<(t: SearchThreads) => void> = [];

/**
 * `share` workers among `runs` runs that start together: the free ones split as evenly as they go
 * (the earlier runs get the odd one), a run left without one runs in this thread.
 *
 * @example shares(2, 2) // [{ workers: 1, offThread: true }, { workers: 1, offThread: true }]
 */
export function shares(free: number, runs: number): SearchThreads[] {
  return Array.from({ length: runs }, (_, i) => {
    const n = Math.floor(free / runs) + (i < free % runs ? 1 : 0);
    return n === 0 ? { workers: 1 } : n === 1 ? { workers: 1, offThread: true } : { workers: n };
  });
}

/**
 * The threads for one of the search's simulations (bias correction's runs, a candidate's validation
 * run). The runs that ask in the same turn of the event loop (`auto`'s candidates are built and scored
 * at once) share the pool's free worker threads ({@link shares}): two candidates on two cores get a
 * worker each, and this thread stays free to serve their replies. A run alone gets every free worker.
 * A run that starts while others hold every worker runs in this thread: new threads would only start
 * up on cores that are already busy. (Each run taking every free worker put the second candidate in
 * this thread, beside the first's two workers: three busy threads on two cores.)
 */
export function searchThreads(): Promise<SearchThreads> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1)
      setImmediate(() => {
        const runs = waiting;
        waiting = [];
        const given = shares(freeWorkers(), runs.length);
        for (const [i, r] of runs.entries()) r(given[i]);
      });
  });
}
