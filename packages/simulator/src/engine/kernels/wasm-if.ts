import type { NeuronArrays } from '@snn/neuron';
import type { KernelArena } from '../wasm/arena.js';
import { perElement } from './per-element.js';
import type { NeuronKernel } from './types.js';
import { WasmNeuronExec } from './wasm-neuron.js';

/** True when the SIMD IF kernel can run a node: IF, binary spikes, a per-sample size divisible by 4. */
export function wasmIfFits(p: NeuronArrays, size: number): boolean {
  return p.model === 'IF' && p.maxSpikes === 1 && size % 4 === 0;
}

/**
 * The WebAssembly SIMD executor for IF neurons with binary spikes (soft or hard reset), four
 * values per instruction; its state lives in a shared {@link KernelArena}.
 */
export class WasmIfExec extends WasmNeuronExec {
  constructor(p: NeuronArrays, size: number, arena: KernelArena) {
    super(p, size, arena, size);
  }

  protected thetaValues(): Float32Array {
    return perElement(this.p.theta, this.size);
  }

  protected tableValues(): Float32Array {
    return perElement(this.p.amp, this.size);
  }

  protected step(x: number, out: number): void {
    const { fn } = this.arena;
    const vr = this.p.vReset;
    if (vr === null) fn.ifSoft(x, this.v, out, this.th, this.table, this.n * 4, this.size * 4);
    else fn.ifHard(x, this.v, out, this.th, this.table, this.n * 4, this.size * 4, vr);
  }

  /**
   * A chunk's steps: for an input that is the same at every step (`xStep` 0) one call, V and X kept in
   * registers across the steps (`ifSoftStatic` / `ifHardStatic`); else one call per step (an input per
   * step read in the steps-innermost order was slower: its loads stride by a whole map).
   */
  protected override runSteps(x: number, out: number, steps: number, xStep: number, outStep: number): void {
    const { fn } = this.arena;
    const vr = this.p.vReset;
    if (xStep !== 0) {
      for (let s = 0; s < steps; s++) this.step(x + s * xStep, out + s * outStep);
      return;
    }
    if (vr === null) fn.ifSoftStatic(x, this.v, out, this.th, this.table, this.n * 4, this.size * 4, steps, outStep);
    else fn.ifHardStatic(x, this.v, out, this.th, this.table, this.n * 4, this.size * 4, steps, outStep, vr);
  }
}

/** IF neurons with binary spikes in WebAssembly SIMD. */
export const wasmIfKernel: NeuronKernel = {
  kind: 'neuron',
  op: 'IF',
  name: 'wasm-simd-if',
  priority: 20,
  fits: (l) => l.arena !== undefined && l.neuron !== undefined && wasmIfFits(l.neuron, l.size),
  create: (l) => new WasmIfExec(l.neuron as NeuronArrays, l.size, l.arena as KernelArena),
};
