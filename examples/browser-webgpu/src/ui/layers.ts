// One panel per spiking layer: its spikes at the current step (channels tiled, with a short
// afterglow) and a channel × t raster of the fraction of each channel's neurons that fired.

const HOT: [number, number, number] = [255, 176, 0];
const BG = 18;

const shade = (v: number): [number, number, number] => HOT.map((c) => Math.round(BG + (c - BG) * Math.max(0, Math.min(1, v)))) as [number, number, number];

export class LayerView {
  readonly el: HTMLDivElement;
  private readonly map: HTMLCanvasElement;
  private readonly raster: HTMLCanvasElement;
  private readonly info: HTMLDivElement;
  private readonly glow: Float32Array;
  private readonly h: number;
  private readonly w: number;
  private readonly c: number;
  private readonly gridCols: number;
  private total = 0;
  private readonly image: ImageData;

  constructor(
    parent: HTMLElement,
    readonly name: string,
    op: string,
    shape: readonly number[],
    T: number,
  ) {
    [this.h, this.w, this.c] = shape.length === 3 ? [shape[0], shape[1], shape[2]] : [1, 1, shape[0]];
    this.gridCols = this.h === 1 ? this.c : Math.ceil(Math.sqrt(this.c));
    const gridRows = Math.ceil(this.c / this.gridCols);
    this.glow = new Float32Array(this.h * this.w * this.c);
    this.el = document.createElement('div');
    this.el.className = 'layer';
    this.el.dataset.layer = name;
    const title = document.createElement('h3');
    title.textContent = `${op} · ${name} · [${shape.join('×')}]`;
    this.map = document.createElement('canvas');
    this.map.width = this.gridCols * (this.w + 1) - 1;
    this.map.height = gridRows * (this.h + 1) - 1;
    const zoom = Math.max(1, Math.floor(Math.min(260 / this.map.width, 180 / this.map.height)));
    this.map.style.width = `${this.map.width * zoom}px`;
    this.map.style.height = `${this.map.height * zoom}px`;
    this.raster = document.createElement('canvas');
    this.raster.width = T;
    this.raster.height = this.c;
    this.raster.style.width = `${Math.min(240, Math.max(120, 4 * T))}px`;
    this.raster.style.height = `${Math.min(96, Math.max(30, 3 * this.c))}px`;
    this.raster.title = 'channel × t: fraction of the channel that fired';
    this.map.className = 'spikes';
    this.raster.className = 'spikes';
    this.info = document.createElement('div');
    this.info.className = 'note';
    this.el.append(title, this.map, this.raster, this.info);
    parent.append(this.el);
    this.clearCanvas(this.map);
    this.clearCanvas(this.raster);
    this.image = (this.map.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, this.map.width, this.map.height);
  }

  private clearCanvas(c: HTMLCanvasElement): void {
    const ctx = c.getContext('2d') as CanvasRenderingContext2D;
    ctx.fillStyle = `rgb(${BG},${BG},${BG})`;
    ctx.fillRect(0, 0, c.width, c.height);
  }

  /** Draws step t (1-based) from the layer's output at t (first image of the batch; 0 = no spike). */
  update(t: number, out: Float32Array): void {
    const { h, w, c } = this;
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
    const img = this.image;
    for (let ch = 0; ch < c; ch++) {
      const gx = (ch % this.gridCols) * (w + 1);
      const gy = Math.floor(ch / this.gridCols) * (h + 1);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const at = 4 * ((gy + y) * this.map.width + gx + x);
          const v = Math.max(0, Math.min(1, this.glow[(y * w + x) * c + ch]));
          for (let k = 0; k < 3; k++) img.data[at + k] = BG + (HOT[k] - BG) * v; // what shade() gives, without an array per pixel
          img.data[at + 3] = 255;
        }
    }
    (this.map.getContext('2d') as CanvasRenderingContext2D).putImageData(img, 0, 0);
    const r = this.raster.getContext('2d') as CanvasRenderingContext2D;
    const col = r.createImageData(1, c);
    for (let ch = 0; ch < c; ch++) col.data.set([...shade(Math.sqrt(perChannel[ch] / (h * w))), 255], 4 * ch);
    r.putImageData(col, t - 1, 0);
    this.info.textContent = `t=${t}: ${fired} of ${per} fired · ${(this.total / (per * t)).toFixed(3)} spikes/neuron/step`;
  }
}
