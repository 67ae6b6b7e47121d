import type { GraphNode } from '@snn/graph';
import { unitSpikes } from '../unit-spikes.js';
import type { NeuronExec, NeuronKernel } from './types.js';

/** Monitors count each non-zero output of a spiking max-pool as one event (it passes or adds at most one spike per step). */
const EVENTS = unitSpikes('SpikingMaxPool2d');

const f = Math.fround;

/** Per output position (i, j), the input positions h·W + w of its window in row-major order, padding left out. */
function windowTable(inH: number, inW: number, outH: number, outW: number, k: number[], s: number[], pads: number[]): Int32Array[] {
  const table: Int32Array[] = [];
  for (let i = 0; i < outH; i++)
    for (let j = 0; j < outW; j++) {
      const at: number[] = [];
      for (let u = 0; u < k[0]; u++)
        for (let v = 0; v < k[1]; v++) {
          const h = i * s[0] + u - pads[0];
          const w = j * s[1] + v - pads[1];
          if (h >= 0 && h < inH && w >= 0 && w < inW) at.push(h * inW + w);
        }
      table.push(Int32Array.from(at));
    }
  return table;
}

/**
 * The chunked engine's SpikingMaxPool2d, in plain JS over float32 arrays (time-major
 * `[steps, count, …]`): c_t = β·c_{t−1} + x_t per input element, then per window either the gate
 * (y_t = x_t at the first argmax of c_t) or the running max (y_t = max c_t − max c_{t−1}). Each
 * operation is rounded to float32 in the order of the layer's tensor ops (mul, add, strict
 * greater-than in window order, sub), so the outputs are bit-identical to the reference path.
 */
export class SpikingMaxPoolExec implements NeuronExec {
  readonly events = EVENTS;
  readonly table: Int32Array[];
  readonly C: number;
  readonly inSize: number;
  readonly outSize: number;
  readonly gate: boolean;
  readonly beta: number;
  c = new Float32Array(0);
  /** Running max of each window after the previous step (running-max rule). */
  last = new Float32Array(0);
  private out = new Float32Array(0);
  private count = 0;
  private staticInput = false;

  constructor(node: GraphNode, inShape: readonly number[]) {
    const [inH, inW, C] = inShape;
    const [outH, outW] = node.shape;
    const a = node.attrs as { kernel: number[]; strides: number[]; pads: number[]; rule: string; momentum: number };
    this.table = windowTable(inH, inW, outH, outW, a.kernel, a.strides, a.pads);
    this.C = C;
    this.inSize = inH * inW * C;
    this.outSize = outH * outW * C;
    this.gate = a.rule === 'gate';
    this.beta = f(a.momentum);
  }

  begin(count: number, staticInput: boolean): void {
    this.count = count;
    this.staticInput = staticInput;
    this.c = new Float32Array(count * this.inSize);
    this.last = new Float32Array(count * this.outSize);
  }

  run(input: Float32Array | number, steps: number): Float32Array {
    if (typeof input === 'number') throw new Error('the SpikingMaxPool2d executor takes its input as an array');
    const { C, inSize, outSize, table, c, last, gate, beta } = this;
    const n = this.count * inSize;
    if (this.out.length < steps * this.count * outSize) this.out = new Float32Array(steps * this.count * outSize);
    const out = this.out.subarray(0, steps * this.count * outSize);
    for (let s = 0; s < steps; s++) {
      const xo = this.staticInput ? 0 : s * n;
      for (let j = 0; j < n; j++) c[j] = beta === 1 ? c[j] + input[xo + j] : f(beta * c[j]) + input[xo + j];
      for (let b = 0; b < this.count; b++) {
        const ib = b * inSize;
        const ob = b * outSize;
        const oo = s * this.count * outSize + ob;
        for (let w = 0; w < table.length; w++) {
          const at = table[w];
          for (let q = 0; q < C; q++) {
            let best = Number.NEGATIVE_INFINITY;
            let pick = 0;
            for (let k = 0; k < at.length; k++) {
              const e = ib + at[k] * C + q;
              if (c[e] > best) {
                best = c[e];
                pick = e;
              }
            }
            const o = w * C + q;
            if (gate) out[oo + o] = input[xo + pick];
            else {
              out[oo + o] = best - last[ob + o];
              last[ob + o] = best;
            }
          }
        }
      }
    }
    return out;
  }
}

/** SpikingMaxPool2d (both rules, any window, pads, momentum) in plain JS: exact on every IEEE backend. */
export const spikingMaxPoolKernel: NeuronKernel = {
  kind: 'neuron',
  op: 'SpikingMaxPool2d',
  name: 'js-spiking-max-pool',
  priority: 10,
  fits: () => true,
  create: (l) => new SpikingMaxPoolExec(l.node, l.inputShape),
};
