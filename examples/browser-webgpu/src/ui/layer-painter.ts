// Draws one spiking layer's step into its two canvases: the spikes at t (channels tiled, with a
// short afterglow) and a channel × t raster of the fraction of each channel's neurons that fired.
// No DOM: the worker draws into OffscreenCanvases the page handed it (transferControlToOffscreen),
// so this per-pixel work never runs on the page's thread.

const HOT: [number, number, number] = [255, 176, 0];
const BG = 18;

/** Where a layer's `[h, w, c]` (or `[c]`) spikes go: channels tiled `cols` wide, one pixel apart. */
export interface LayerGrid {
  h: number;
  w: number;
  c: number;
  cols: number;
  width: number;
  height: number;
}

/** The tiling of a layer's output shape (`[H, W, C]`, or `[C]` for a dense layer: one row). */
export function layerGrid(shape: readonly number[]): LayerGrid {
  const [h, w, c] = shape.length === 3 ? [shape[0], shape[1], shape[2]] : [1, 1, shape[0]];
  const cols = h === 1 ? c : Math.ceil(Math.sqrt(c));
  const rows = Math.ceil(c / cols);
  return { h, w, c, cols, width: cols * (w + 1) - 1, height: rows * (h + 1) - 1 };
}

/** A 2-D canvas of either kind (the page's, or an OffscreenCanvas in the worker). */
export type Canvas2D = OffscreenCanvas | HTMLCanvasElement;
type Ctx = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;
const ctx2d = (c: Canvas2D) => c.getContext('2d') as Ctx;

/** A layer's two canvases as the worker gets them (transferred from the page). */
export interface LayerCanvases {
  map: OffscreenCanvas;
  raster: OffscreenCanvas;
}

/** What one step of a layer did, for the page's text line. */
export interface LayerStep {
  fired: number;
  neurons: number;
  /** Spikes per neuron per step so far: Σ fired / (neurons · t). */
  rate: number;
}

/** Paints a layer's spikes step after step on a spike map and a channel × t raster. */
export class LayerPainter {
  private readonly glow: Float32Array;
  private readonly image: ImageData;
  private total = 0;

  constructor(
    private readonly grid: LayerGrid,
    private readonly map: Canvas2D,
    private readonly raster: Canvas2D,
  ) {
    this.glow = new Float32Array(grid.h * grid.w * grid.c);
    for (const c of [map, raster]) {
      const g = ctx2d(c);
      g.fillStyle = `rgb(${BG},${BG},${BG})`;
      g.fillRect(0, 0, c.width, c.height);
    }
    this.image = ctx2d(map).getImageData(0, 0, map.width, map.height);
  }

  /** Draws step t (1-based) from the layer's output at t (first image of the batch; 0 = no spike). */
  update(t: number, out: Float32Array): LayerStep {
    const { h, w, c, cols } = this.grid;
    const per = h * w * c;
    const perChannel = new Float32Array(c);
    let fired = 0;
    for (let i = 0; i < per; i++) {
      const s = out[i] !== 0 ? 1 : 0;
      fired += s;
      perChannel[i % c] += s;
      this.glow[i] = Math.max(s, 0.55 * this.glow[i]);
    }
    this.total += fired;
    const { data, width } = this.image;
    for (let ch = 0; ch < c; ch++) {
      const gx = (ch % cols) * (w + 1);
      const gy = Math.floor(ch / cols) * (h + 1);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) shadeAt(data, 4 * ((gy + y) * width + gx + x), this.glow[(y * w + x) * c + ch]);
    }
    ctx2d(this.map).putImageData(this.image, 0, 0);
    const r = ctx2d(this.raster);
    const col = r.createImageData(1, c);
    for (let ch = 0; ch < c; ch++) shadeAt(col.data, 4 * ch, Math.sqrt(perChannel[ch] / (h * w)));
    r.putImageData(col, t - 1, 0);
    return { fired, neurons: per, rate: this.total / (per * t) };
  }
}

/** Writes the colour of `v` ∈ [0, 1] (background → hot: BG + (HOT − BG)·v) as opaque RGBA at `at`. */
function shadeAt(data: Uint8ClampedArray, at: number, v: number): void {
  const k = Math.max(0, Math.min(1, v));
  for (let i = 0; i < 3; i++) data[at + i] = BG + (HOT[i] - BG) * k;
  data[at + 3] = 255;
}
