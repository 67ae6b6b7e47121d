import * as tf from '@tensorflow/tfjs-core';
import type { NeuronModel, NeuronParams } from '../types.js';
import { NeuronParamError } from '../validate.js';

/** SpikingJelly's defaults: `LIFNode(tau=2., decay_input=True)`. */
export const LIF_DEFAULTS = { tau: 2, decayInput: true } as const;

/** LIF's parameters with their defaults: τ, V_r (0 under reset by subtraction), decayInput. */
function lifParams(p: NeuronParams): { tau: number; vr: number; decayInput: boolean } {
  return { tau: p.tau ?? LIF_DEFAULTS.tau, vr: p.vReset ?? 0, decayInput: p.decayInput ?? LIF_DEFAULTS.decayInput };
}

/**
 * Leaky integrate-and-fire: the membrane potential leaks towards V_r with time constant τ,
 *
 *   decayInput = true:   H_t = V_{t−1} + (X_t − (V_{t−1} − V_r)) / τ
 *   decayInput = false:  H_t = V_{t−1} − (V_{t−1} − V_r) / τ + X_t
 *
 * where V_r is `vReset`, or 0 with reset by subtraction (`vReset: null`), as in SpikingJelly's
 * `LIFNode`. τ = 1 with decayInput forgets everything but the current input (H_t = V_r + X_t).
 *
 * @example
 * const lif = getNeuronModel('LIF');
 * const p = { vThreshold: 1, vReset: 0, tau: 2 };
 * const { state, spikes } = step(lif, initState([2], p), tf.tensor1d([1.5, 3]), p); // H = [0.75, 1.5] → spikes [0, 1]
 */
export const lifModel: NeuronModel = {
  name: 'LIF',
  charge(v, x, p) {
    const { tau, vr, decayInput } = lifParams(p);
    const leak = vr === 0 ? v : tf.sub(v, vr);
    if (decayInput) return tf.add(v, tf.div(tf.sub(x, leak), tau));
    return tf.add(tf.sub(v, tf.div(leak, tau)), x);
  },
  scalarCharge(p) {
    const { tau, vr, decayInput } = lifParams(p);
    const f = Math.fround;
    const t = f(tau); // a tensor op divides by τ as float32
    const r = f(vr);
    // leak = V − V_r, or V itself when V_r = 0 (as the tensor form: no subtraction of 0)
    if (decayInput) return r === 0 ? (v, x) => f(v + f(f(x - v) / t)) : (v, x) => f(v + f(f(x - f(v - r)) / t));
    return r === 0 ? (v, x) => f(f(v - f(v / t)) + x) : (v, x) => f(f(v - f(f(v - r) / t)) + x);
  },
  validate(p: NeuronParams) {
    if (p.tau !== undefined && !(typeof p.tau === 'number' && Number.isFinite(p.tau) && p.tau >= 1)) {
      throw new NeuronParamError('tau', `must be a finite number ≥ 1 (got ${String(p.tau)}); below 1 the leak overshoots V_r`);
    }
    if (p.decayInput !== undefined && typeof p.decayInput !== 'boolean') {
      throw new NeuronParamError('decayInput', `must be a boolean (got ${String(p.decayInput)})`);
    }
  },
};
