/**
 * Pieces a thread may hold at once: the one it runs and the next ones, queued in the thread, so that
 * it never waits for this thread to hand it one. This thread may be busy for seconds without
 * reaching its event loop (a calibration pass awaits only settled promises; `snn demo` calibrates
 * while a mode simulates): 16 pieces of 40 images at T = 200 are about 6 s of one core's work.
 */
export const PIECES_IN_FLIGHT = 16;

/**
 * Pieces a worker may hold at once when the calling thread simulates too (`callingThread`): that
 * thread is then busy only for the piece it runs (the same size as a worker's), so a worker with
 * this one and the next two queued never waits for it; a deeper queue only makes the threads end
 * apart (the last pieces were handed out that many pieces before the end: measured, 16 left 0.4 s
 * of one thread alone at the end of `snn eval`'s T = 64 run, ≈ 3 pieces).
 */
export const PIECES_BESIDE_CALLER = 3;

/**
 * The thread to hand a piece of `count` samples, or undefined to wait for a reply: the one with the
 * fewest pieces in flight among those with room (`room(t)`: at most that many in flight, default
 * {@link PIECES_IN_FLIGHT}); a busy one only while more than a piece per thread remains after this
 * one (`remaining` samples, unknown for a stream), so that the last pieces go to idle threads and
 * the threads end together.
 */
export function pickThread<T>(
  load: ReadonlyMap<T, number>,
  count: number,
  remaining: number | undefined,
  room: (t: T) => number = () => PIECES_IN_FLIGHT,
): T | undefined {
  let best: T | undefined;
  for (const [t, n] of load) if (n < room(t) && (best === undefined || n < (load.get(best) as number))) best = t;
  if (best === undefined) return undefined;
  const n = load.get(best) as number;
  if (n === 0) return best;
  const ahead = remaining === undefined || remaining - count >= load.size * count;
  return ahead ? best : undefined;
}
