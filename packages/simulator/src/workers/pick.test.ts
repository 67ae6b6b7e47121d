import { describe, expect, it } from 'vitest';
import { PIECES_BESIDE_CALLER, PIECES_IN_FLIGHT, pickThread } from './pick.js';

const loads = (...n: number[]) => new Map(n.map((v, i) => [`t${i}`, v]));

describe('pickThread: which worker thread takes the next piece', () => {
  it('an idle thread first, else the least busy one while pieces remain for every thread', () => {
    expect(pickThread(loads(1, 0), 40, 2004)).toBe('t1');
    expect(pickThread(loads(1, 1), 40, 2004)).toBe('t0'); // queued ahead in a busy thread
    expect(pickThread(loads(2, 1), 40, 2004)).toBe('t1');
    expect(pickThread(loads(PIECES_IN_FLIGHT, PIECES_IN_FLIGHT), 40, 2004)).toBeUndefined(); // every thread full: wait
    expect(pickThread(loads(1, 1), 40, undefined)).toBe('t0'); // a stream of unknown length
    expect(pickThread(new Map<string, number>(), 40, 100)).toBeUndefined();
  });

  it('near the end, only to an idle thread: 40-sample pieces on 2 threads queue ahead while ≥ 80 samples follow', () => {
    expect(pickThread(loads(1, 1), 40, 120)).toBe('t0'); // 80 follow this piece
    expect(pickThread(loads(1, 1), 40, 119)).toBeUndefined(); // 79 follow: wait for an idle thread
    expect(pickThread(loads(1, 0), 40, 40)).toBe('t1');
    expect(pickThread(loads(1, 1, 1), 10, 40)).toBe('t0'); // 3 threads: 30 follow, a piece for each
    expect(pickThread(loads(1, 1, 1), 10, 39)).toBeUndefined();
  });

  it('room per thread: beside the calling thread (t0, one piece at a time), a worker holds at most PIECES_BESIDE_CALLER', () => {
    const room = (t: string) => (t === 't0' ? 1 : PIECES_BESIDE_CALLER);
    expect(PIECES_BESIDE_CALLER).toBe(3);
    expect(pickThread(loads(1, 0), 40, 2004, room)).toBe('t1');
    expect(pickThread(loads(1, 2), 40, 2004, room)).toBe('t1'); // the calling thread is full with one
    expect(pickThread(loads(1, 3), 40, 2004, room)).toBeUndefined(); // both full: wait
    expect(pickThread(loads(0, 3), 40, 2004, room)).toBe('t0');
    expect(pickThread(loads(1, 1), 40, 119, room)).toBeUndefined(); // the end rule still holds
  });
});
