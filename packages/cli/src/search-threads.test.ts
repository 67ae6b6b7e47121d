import { freeWorkers } from '@snn/simulator';
import { describe, expect, it } from 'vitest';
import { searchThreads, shares } from './search-threads.js';

describe('search threads', () => {
  it('splits the free workers among the runs that start together; a run without one runs here', () => {
    expect(shares(2, 1)).toEqual([{ workers: 2 }]);
    expect(shares(2, 2)).toEqual([
      { workers: 1, offThread: true },
      { workers: 1, offThread: true },
    ]);
    expect(shares(2, 3)).toEqual([{ workers: 1, offThread: true }, { workers: 1, offThread: true }, { workers: 1 }]);
    expect(shares(5, 2)).toEqual([{ workers: 3 }, { workers: 2 }]);
    expect(shares(0, 2)).toEqual([{ workers: 1 }, { workers: 1 }]);
  });

  it('groups the asks of one turn of the event loop, and a later ask apart', async () => {
    const [a, b] = await Promise.all([searchThreads(), searchThreads()]);
    const c = await searchThreads();
    const free = freeWorkers(); // no simulation holds the pool here
    expect(a).toEqual(shares(free, 2)[0]);
    expect(b).toEqual(shares(free, 2)[1]);
    expect(c).toEqual(shares(free, 1)[0]); // alone: every free worker
  });
});
