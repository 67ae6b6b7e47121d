import { hasCharge, runNeuronChunk } from '../neuron-kernel.js';
import type { NeuronArrays } from '../neuron-params.js';
import { perElement } from './per-element.js';
import type { MembraneProbe, NeuronExec, NeuronKernel } from './types.js';

/** The plain-JS executor: any neuron model with a scalar charge, multi-level spikes, any size. */
export class JsNeuronExec implements NeuronExec {
  private v: Float32Array = new Float32Array(0);
  private out: Float32Array = new Float32Array(0);
  private count = 0;
  private staticInput = false;

  constructor(
    private readonly p: NeuronArrays,
    private readonly size: number,
  ) {}

  begin(count: number, staticInput: boolean): void {
    this.count = count;
    this.staticInput = staticInput;
    this.v = perElement(this.p.v0, count * this.size).slice();
  }

  run(input: Float32Array | number, steps: number, probe?: MembraneProbe): Float32Array {
    if (typeof input === 'number') throw new Error('the JS executor takes its input as an array');
    const x = input;
    const n = steps * this.count * this.size;
    if (this.out.length < n) this.out = new Float32Array(n);
    const out = this.out.subarray(0, n);
    const v = this.v;
    runNeuronChunk(this.p, { x, staticInput: this.staticInput, v, out, steps, count: this.count, size: this.size, probe: probe && ((s) => probe(s, v)) });
    return out;
  }
}

/** Any neuron model whose scalar charge is known, in plain JS (the fallback of every neuron). */
export const jsNeuronKernel: NeuronKernel = {
  kind: 'neuron',
  op: '*',
  name: 'js-neuron',
  priority: 10,
  fits: (l) => l.neuron !== undefined && hasCharge(l.neuron.model),
  create: (l) => new JsNeuronExec(l.neuron as NeuronArrays, l.size),
};
