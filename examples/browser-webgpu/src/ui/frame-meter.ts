// Watches the main thread during a run: the longest gap between two animation frames. A page that
// never blocks keeps it near one frame (16.7 ms at 60 Hz); a run on the main thread shows up here.

/** Measures the longest gap between animation frames from `start()` to `stop()`. */
export class FrameMeter {
  private last = 0;
  private longest = 0;
  private frames = 0;
  private id = 0;

  start(): void {
    this.last = performance.now();
    this.longest = 0;
    this.frames = 0;
    const tick = (now: number) => {
      this.longest = Math.max(this.longest, now - this.last);
      this.last = now;
      this.frames++;
      this.id = requestAnimationFrame(tick);
    };
    this.id = requestAnimationFrame(tick);
  }

  /** Stops and returns the longest gap (ms) and the frames drawn. */
  stop(): { longestMs: number; frames: number } {
    cancelAnimationFrame(this.id);
    return { longestMs: Math.max(this.longest, performance.now() - this.last), frames: this.frames };
  }
}
