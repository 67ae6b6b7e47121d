// One panel per spiking layer, on the page: a title, the two canvases and a line of figures. The
// canvases are handed to the worker (transferControlToOffscreen), which draws every step into them
// (layer-painter.ts); the page only sets the text line, at most once per frame.
import { type LayerCanvases, type LayerStep, layerGrid } from './layer-painter.js';

/** A spiking layer's panel on the page; its canvases are drawn by the worker. */
export class LayerView {
  readonly el: HTMLDivElement;
  /** The canvases, transferred: pass them (and list them as transferables) to the worker once. */
  readonly canvases: LayerCanvases;
  private readonly info: HTMLDivElement;

  constructor(
    parent: HTMLElement,
    readonly name: string,
    op: string,
    shape: readonly number[],
    T: number,
  ) {
    const grid = layerGrid(shape);
    this.el = document.createElement('div');
    this.el.className = 'layer';
    this.el.dataset.layer = name;
    const title = document.createElement('h3');
    title.textContent = `${op} · ${name} · [${shape.join('×')}]`;
    const map = Object.assign(document.createElement('canvas'), { width: grid.width, height: grid.height, className: 'spikes' });
    const zoom = Math.max(1, Math.floor(Math.min(260 / map.width, 180 / map.height)));
    map.style.width = `${map.width * zoom}px`;
    map.style.height = `${map.height * zoom}px`;
    const raster = Object.assign(document.createElement('canvas'), { width: T, height: grid.c, className: 'spikes' });
    raster.style.width = `${Math.min(240, Math.max(120, 4 * T))}px`;
    raster.style.height = `${Math.min(96, Math.max(30, 3 * grid.c))}px`;
    raster.title = 'channel × t: fraction of the channel that fired';
    this.info = document.createElement('div');
    this.info.className = 'note';
    this.el.append(title, map, raster, this.info);
    parent.append(this.el);
    this.canvases = { map: map.transferControlToOffscreen(), raster: raster.transferControlToOffscreen() };
  }

  /** Shows step t's figures. */
  show(t: number, s: LayerStep): void {
    this.info.textContent = `t=${t}: ${s.fired} of ${s.neurons} fired · ${s.rate.toFixed(3)} spikes/neuron/step`;
  }
}
