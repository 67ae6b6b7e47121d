import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { initBackend } from '@snn/backend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnistTestSubset, tutorialSnn } from '../../test/helpers.js';
import { firingRates } from '../monitors/index.js';
import { simulate } from '../node.js';
import { MessageChannel, Worker } from 'node:worker_threads';
import { lendWorker, prestartWorkers } from './pool.js';
import { freeWorkers, idleThreadIds, stopIdleWorkers, workersBusy } from './warm.js';

// Worker threads run the built package (dist/worker.js): turbo builds before testing.
const built = existsSync(new URL('../../dist/worker.js', import.meta.url));

beforeAll(async () => {
  await initBackend('wasm');
  await stopIdleWorkers();
});
afterAll(stopIdleWorkers);

describe.skipIf(!built)('pre-started worker threads', () => {
  it('are taken by the next simulation, give the in-thread result, and are kept for the one after', async () => {
    prestartWorkers({ workers: 2 });
    const warm = idleThreadIds();
    expect(warm).toHaveLength(2);
    const snn = await tutorialSnn('99.9%', 200);
    const data = await mnistTestSubset(60);
    const opts = { T: 12, batchSize: 20, monitors: [firingRates()] };
    const one = await simulate(snn, data, { ...opts, workers: 1 });
    const two = await simulate(snn, data, { ...opts, workers: 2 });
    expect(two.path).toBe('chunked+workers');
    expect(two.correct).toEqual(one.correct);
    expect(two.monitors).toEqual(one.monitors);
    // the very threads started ahead ran it and wait for the next job; a second run reuses them
    expect(idleThreadIds().sort()).toEqual([...warm].sort());
    const again = await simulate(snn, data, { ...opts, workers: 2 });
    expect(again.correct).toEqual(one.correct);
    expect(idleThreadIds().sort()).toEqual([...warm].sort());
    // asking for warm threads that are already idle starts none
    prestartWorkers({ workers: 2 });
    expect(idleThreadIds().sort()).toEqual([...warm].sort());
  });

  it('workersBusy: true while a simulation holds every pool thread, false when none runs or it runs in the calling thread', async () => {
    const snn = await tutorialSnn('99.9%', 200);
    const data = await mnistTestSubset(60);
    expect(workersBusy()).toBe(false);
    const seen: boolean[] = [];
    await simulate(snn, data, { T: 12, batchSize: 20, workers: 2, onProgress: () => seen.push(workersBusy()) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((b) => b)).toBe(true);
    expect(workersBusy()).toBe(false);
    seen.length = 0;
    await simulate(snn, data, { T: 12, batchSize: 20, workers: 1, onProgress: () => seen.push(workersBusy()) });
    expect(seen.every((b) => !b)).toBe(true);
  });

  it('offThread: one worker thread runs a run of workers 1, the in-thread result; meanwhile freeWorkers counts the idle one', async () => {
    const snn = await tutorialSnn('99.9%', 200);
    const data = await mnistTestSubset(60);
    prestartWorkers({ workers: 2 });
    expect(freeWorkers()).toBe(availableParallelism()); // no job: one per core
    const idle = idleThreadIds().length;
    const here = await simulate(snn, data, { T: 12, batchSize: 20, workers: 1, monitors: [firingRates()] });
    const free: number[] = [];
    const off = await simulate(snn, data, {
      T: 12,
      batchSize: 20,
      workers: 1,
      offThread: true,
      monitors: [firingRates()],
      onProgress: () => free.push(freeWorkers()),
    });
    expect(here.path).toBe('chunked');
    expect(off.path).toBe('chunked+workers');
    expect(off.workers).toBe(1);
    expect(off.correct).toEqual(here.correct);
    expect(off.monitors).toEqual(here.monitors); // one thread sums in the calling thread's order
    expect(free.length).toBeGreaterThan(0);
    expect(free.every((n) => n === idle - 1)).toBe(true); // the others stay idle
  });

  it('a lent worker (serveSimulation on a channel of its own) is one of the pool: no thread started, the in-thread result; ending it leaves the worker', async () => {
    await stopIdleWorkers();
    // another part of the program's worker: it answers its owner on its own port and serves the pool on the port it is sent
    const owner = new Worker(new URL('../../test/lending-worker.mjs', import.meta.url), { execArgv: [] });
    const own = (say: string) =>
      new Promise((r) => {
        owner.once('message', r);
        owner.postMessage({ say });
      });
    const { port1, port2 } = new MessageChannel();
    const lent = new Promise((r) => {
      owner.once('message', r);
      owner.postMessage({ say: 'lend', port: port2 }, [port2]);
    });
    expect(lendWorker(port1, owner)).toBe(true);
    expect(await lent).toBe('own: lend');
    expect(idleThreadIds()).toEqual([owner.threadId]);
    prestartWorkers({ workers: 1 }); // it counts: none started
    expect(idleThreadIds()).toEqual([owner.threadId]);
    const snn = await tutorialSnn('99.9%', 200);
    const data = await mnistTestSubset(60);
    const opts = { T: 12, batchSize: 20, monitors: [firingRates()] };
    const here = await simulate(snn, data, { ...opts, workers: 1 });
    const off = await simulate(snn, data, { ...opts, workers: 1, offThread: true });
    expect(off.path).toBe('chunked+workers');
    expect(off.correct).toEqual(here.correct);
    expect(off.monitors).toEqual(here.monitors);
    expect(idleThreadIds()).toEqual([owner.threadId]); // kept for the next job
    await stopIdleWorkers(); // closes the lent port only: the owner still answers on its own
    expect(idleThreadIds()).toEqual([]);
    expect(await own('still here')).toBe('own: still here');
    await owner.terminate();
  });
});
