/** A drawing pad: white ink on black, read back as grey levels in [0, 1]. */
export class DrawingPad {
  private drawing = false;
  private readonly ctx: CanvasRenderingContext2D;
  /** Set once something was drawn since the last clear. */
  dirty = false;

  constructor(readonly canvas: HTMLCanvasElement) {
    this.ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
    this.clear();
    canvas.addEventListener('pointerdown', (e) => {
      this.drawing = true;
      canvas.setPointerCapture(e.pointerId);
      this.ctx.beginPath();
      const [x, y] = this.at(e);
      this.ctx.moveTo(x, y);
      this.ctx.lineTo(x + 0.1, y);
      this.ctx.stroke();
      this.dirty = true;
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing) return;
      const [x, y] = this.at(e);
      this.ctx.lineTo(x, y);
      this.ctx.stroke();
    });
    const end = () => {
      this.drawing = false;
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  /** Pointer position in canvas pixels (the canvas is shown smaller than it is). */
  private at(e: PointerEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * this.canvas.width) / r.width, ((e.clientY - r.top) * this.canvas.height) / r.height];
  }

  clear(): void {
    const c = this.ctx;
    c.fillStyle = '#000';
    c.fillRect(0, 0, this.canvas.width, this.canvas.height);
    c.strokeStyle = '#fff';
    c.lineWidth = this.canvas.width / 10;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    this.dirty = false;
  }

  /** The canvas's RGBA pixels (`width × height × 4`; the ink is white, so red = grey level · 255). */
  rgba(): Uint8ClampedArray {
    return this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height).data;
  }
}

/** Paints `rows × cols` grey levels in [0, 1] onto a canvas of that size. */
export function paintGrey(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, rows = 28, cols = 28): void {
  canvas.width = cols;
  canvas.height = rows;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  const img = ctx.createImageData(cols, rows);
  for (let i = 0; i < rows * cols; i++) {
    const v = Math.round(255 * Math.max(0, Math.min(1, pixels[i])));
    img.data.set([v, v, v, 255], 4 * i);
  }
  ctx.putImageData(img, 0, 0);
}
