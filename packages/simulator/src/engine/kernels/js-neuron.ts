import { fireScalar, type NeuronArrays } from '@snn/neuron';
import { perElement } from './per-element.js';
import type { MembraneProbe, NeuronExec, NeuronKernel } from './types.js';

const f = Math.fround;

/**
 * Runs `steps` steps of a neuron layer in plain JS over float32 arrays, time-major
 * `[steps, count, size]`: charge (the model's scalar charge from @snn/neuron) → fire (S = Θ(H − θ),
 * or multi-level) → reset (V = H − S·θ, or V_r where S > 0) → output S·amplitude. Every operation
 * is rounded to float32 in the order of @snn/neuron's tensor ops, so the results are bit-identical
 * to `step()` on any IEEE backend. `x` is `[steps·count·size]`, or `[count·size]` when `staticInput`.
 */
export function runNeuronChunk(
  p: NeuronArrays,
  x: Float32Array,
  staticInput: boolean,
  v: Float32Array,
  out: Float32Array,
  steps: number,
  n: number,
  probe?: (step: number) => void,
): void {
  const charge = p.charge;
  if (!charge) throw new Error(`neuron model '${p.model}' has no scalar charge (NeuronModel.scalarCharge)`);
  const C = p.channels;
  const { theta, amp, vReset, maxSpikes } = p;
  for (let s = 0; s < steps; s++) {
    const xo = staticInput ? 0 : s * n;
    const oo = s * n;
    for (let j = 0, c = 0; j < n; j++) {
      const th = theta[c];
      const h = charge(v[j], x[xo + j]);
      const spikes = maxSpikes === 1 ? (h >= th ? 1 : 0) : fireScalar(h, th, maxSpikes);
      if (spikes === 0) {
        v[j] = h;
        out[oo + j] = 0;
      } else {
        v[j] = vReset === null ? h - (spikes === 1 ? th : f(spikes * th)) : vReset;
        out[oo + j] = spikes === 1 ? amp[c] : spikes * amp[c];
      }
      if (++c === C) c = 0;
    }
    probe?.(s);
  }
}

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
    const n = steps * this.count * this.size;
    if (this.out.length < n) this.out = new Float32Array(n);
    const out = this.out.subarray(0, n);
    const v = this.v;
    runNeuronChunk(this.p, input, this.staticInput, v, out, steps, this.count * this.size, probe && ((s) => probe(s, v)));
    return out;
  }
}

const fits: NeuronKernel['fits'] = (l) => l.neuron?.charge !== undefined;
const create: NeuronKernel['create'] = (l) => new JsNeuronExec(l.neuron as NeuronArrays, l.size);

/** Any neuron model whose scalar charge @snn/neuron knows, in plain JS (the fallback of every neuron). */
export const jsNeuronKernel: NeuronKernel = { kind: 'neuron', op: '*', name: 'js-neuron', priority: 10, fits, create };
