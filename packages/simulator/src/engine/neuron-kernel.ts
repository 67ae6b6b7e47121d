import type { NeuronArrays } from './neuron-params.js';

/**
 * One chunk of a spiking layer's recurrence, in plain JS over float32 arrays (time-major
 * `[steps, count, size]`). Every operation is rounded to float32 (`Math.fround`, or a store into a
 * Float32Array) in the order @snn/neuron's tensor ops use, so the results are bit-identical to
 * `step()` on any IEEE backend.
 */
export interface NeuronChunk {
  /** The input: `[steps·count·size]`, or `[count·size]` when `staticInput` (the same every step). */
  x: Float32Array;
  staticInput: boolean;
  /** Membrane potential `[count·size]`, carried between chunks (updated in place). */
  v: Float32Array;
  /** Output `[steps·count·size]`: spikes times the amplitude (θ or 1). */
  out: Float32Array;
  steps: number;
  count: number;
  size: number;
  /** Called after each step with the 0-based step within the chunk (membrane monitors read `v`). */
  probe?: (step: number) => void;
}

/** The charge H = f(V, X) of a neuron model, per element, rounded to float32. */
export type ChargeFn = (v: number, x: number) => number;

/** A model's charge for the JS kernel, or undefined when the model has no JS form (the engine falls back to tensors). */
export type ChargeFactory = (p: NeuronArrays) => ChargeFn;

const charges = new Map<string, ChargeFactory>();

/** Registers the JS form of a neuron model's charge (IF and LIF are built in). */
export function registerCharge(model: string, make: ChargeFactory): void {
  charges.set(model, make);
}

/** True when the JS kernel can run `model`. */
export function hasCharge(model: string): boolean {
  return charges.has(model);
}

const f = Math.fround;
registerCharge('IF', () => (v, x) => f(v + x));
registerCharge('LIF', (p) => {
  const vr = p.vReset ?? 0;
  const tau = p.tau;
  // @snn/neuron's LIF: leak = V − V_r (V itself when V_r = 0); H = V + (X − leak)/τ, or V − leak/τ + X.
  if (p.decayInput) return (v, x) => f(v + f(f(x - (vr === 0 ? v : f(v - vr))) / tau));
  return (v, x) => f(f(v - f((vr === 0 ? v : f(v - vr)) / tau)) + x);
});

/** Multi-level fire: min(⌊H/θ⌋, m) corrected by one where float rounding disagrees (as @snn/neuron's `fire`). */
function fireMulti(h: number, th: number, m: number): number {
  const k0 = Math.floor(f(h / th));
  const tooHigh = h < f(k0 * th) ? 1 : 0;
  const tooLow = h >= f(f(k0 + 1) * th) ? 1 : 0;
  return Math.min(Math.max(k0 - tooHigh + tooLow, 0), m);
}

/**
 * Runs `job.steps` steps: charge → fire (S = Θ(H − θ), or multi-level) → reset (V = H − S·θ, or
 * V_r where S > 0) → output S·amplitude.
 */
export function runNeuronChunk(p: NeuronArrays, job: NeuronChunk): void {
  const make = charges.get(p.model);
  if (!make) throw new Error(`no JS kernel for neuron model '${p.model}'`);
  const charge = make(p);
  const { x, v, out, steps, count, size } = job;
  const n = count * size;
  const C = p.channels;
  const { theta, amp, vReset, maxSpikes } = p;
  const isIF = p.model === 'IF';
  for (let s = 0; s < steps; s++) {
    const xo = job.staticInput ? 0 : s * n;
    const oo = s * n;
    for (let j = 0, c = 0; j < n; j++) {
      const th = theta[c];
      const h = isIF ? f(v[j] + x[xo + j]) : charge(v[j], x[xo + j]);
      let spikes: number;
      if (maxSpikes === 1) spikes = h >= th ? 1 : 0;
      else spikes = fireMulti(h, th, maxSpikes);
      if (spikes === 0) {
        v[j] = h;
        out[oo + j] = 0;
      } else {
        v[j] = vReset === null ? h - (spikes === 1 ? th : f(spikes * th)) : vReset;
        out[oo + j] = spikes === 1 ? amp[c] : spikes * amp[c];
      }
      if (++c === C) c = 0;
    }
    job.probe?.(s);
  }
}
