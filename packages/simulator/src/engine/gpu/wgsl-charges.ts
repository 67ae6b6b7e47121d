import { LIF_DEFAULTS, type NeuronParams } from '@snn/neuron';
import { f32Literal } from './wgsl.js';

/**
 * A neuron model's charge H = f(V, X) as a WGSL expression in `v` and `x` (f32), for the given
 * parameters; the same operations in the same order as the model's tensor `charge`, so that the
 * GPU kernel computes what tfjs' own webgpu kernels would, step for step.
 */
export type WgslCharge = (params: NeuronParams) => string;

const charges = new Map<string, WgslCharge>([
  // IF: H = V + X
  ['IF', () => 'v + x'],
  // LIF: H = V + (X − (V − V_r))/τ (decayInput) or H = V − (V − V_r)/τ + X; no V − 0 when V_r = 0, as the tensor form
  [
    'LIF',
    (p) => {
      const tau = f32Literal(p.tau ?? LIF_DEFAULTS.tau);
      const vr = p.vReset ?? 0;
      const leak = vr === 0 ? 'v' : `(v - ${f32Literal(vr)})`;
      return (p.decayInput ?? LIF_DEFAULTS.decayInput) ? `v + (x - ${leak}) / ${tau}` : `(v - ${leak} / ${tau}) + x`;
    },
  ],
]);

/**
 * Teaches the WebGPU neuron kernel a model's charge (IF and LIF are built in); a model without
 * one runs on the GPU through its tfjs tensor ops, one step at a time.
 *
 * @example
 * registerWgslCharge('QIF', (p) => `v + x + ${p.a ?? 0.1} * v * v`);
 */
export function registerWgslCharge(model: string, charge: WgslCharge): void {
  charges.set(model, charge);
}

/** The WGSL charge of `model` under `params`, or undefined when the kernel does not know it. */
export function wgslCharge(model: string, params: NeuronParams): string | undefined {
  return charges.get(model)?.(params);
}
