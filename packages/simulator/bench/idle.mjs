// What the benches time around: this process's CPU seconds, and a wait until the worker threads it
// started ahead (`prestartWorkers`) have finished their start-up.

/** CPU seconds (user + system, every thread of this process) since `since` (a `process.cpuUsage()`). */
export const cpuSeconds = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

/**
 * Resolves once this process has used less than a tenth of a core over 100 ms (the threads that
 * `prestartWorkers` started have finished their start-up), or after `maxMs`; gives the seconds waited.
 */
export async function untilIdle(maxMs = 10_000) {
  const t0 = performance.now();
  for (;;) {
    const c0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 100));
    if (cpuSeconds(c0) < 0.01 || performance.now() - t0 > maxMs) return (performance.now() - t0) / 1000;
  }
}
