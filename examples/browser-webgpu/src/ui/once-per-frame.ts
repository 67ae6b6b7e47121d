// Coalesces many updates into one draw per animation frame: a live run can report steps faster
// than the screen refreshes, and drawing each one would be work no one sees.

/** Calls `draw` at most once per animation frame after {@link request}; {@link flush} draws now. */
export class OncePerFrame {
  private id = 0;

  constructor(private readonly draw: () => void) {}

  /** Asks for a draw at the next animation frame (one, however often this is called before it). */
  request(): void {
    if (this.id) return;
    this.id = requestAnimationFrame(() => {
      this.id = 0;
      this.draw();
    });
  }

  /** Draws now if a draw was asked for and has not run yet. */
  flush(): void {
    if (!this.id) return;
    cancelAnimationFrame(this.id);
    this.id = 0;
    this.draw();
  }
}
