// Watches the main thread during a run: the longest gap between two animation frames, and the
// longest task on this thread (Long Tasks API: tasks over 50 ms). A page that never blocks keeps
// the gap near one frame (16.7 ms at 60 Hz) and has no long task; on a loaded machine the gap can
// grow without any long task (the renderer waits for a core), which the two figures tell apart.

/** Measures the longest gap between animation frames, and the longest long task, from `start()` to `stop()`. */
export class FrameMeter {
  private last = 0;
  private longest = 0;
  private frames = 0;
  private longestTask = 0;
  private id = 0;
  private observer: PerformanceObserver | undefined;

  start(): void {
    this.last = performance.now();
    this.longest = 0;
    this.frames = 0;
    this.longestTask = 0;
    const tick = (now: number) => {
      this.longest = Math.max(this.longest, now - this.last);
      this.last = now;
      this.frames++;
      this.id = requestAnimationFrame(tick);
    };
    this.id = requestAnimationFrame(tick);
    if (PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
      this.observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) this.longestTask = Math.max(this.longestTask, e.duration);
      });
      this.observer.observe({ type: 'longtask' });
    }
  }

  /** Stops and returns the longest frame gap (ms), the frames drawn and the longest long task (ms; 0: none over 50 ms). */
  stop(): { longestMs: number; frames: number; longestTaskMs: number } {
    cancelAnimationFrame(this.id);
    for (const e of this.observer?.takeRecords() ?? []) this.longestTask = Math.max(this.longestTask, e.duration);
    this.observer?.disconnect();
    return { longestMs: Math.max(this.longest, performance.now() - this.last), frames: this.frames, longestTaskMs: this.longestTask };
  }
}
