import type { LayerDef } from '../layer.js';
import { spikingLayer } from './spiking.js';

/**
 * Integrate-and-fire neurons (SpikingJelly's IFNode), one per input element:
 *
 *   H_t = V_{t−1} + X_t,   S_t = Θ(H_t − θ),   V_t = H_t − S_t·θ  (reset by subtraction, vReset null)
 *
 * Output S_t (amplitude 'unit') or S_t·θ (amplitude 'threshold'). The membrane V is carried between
 * `execute()` calls in its `state`.
 *
 * @example
 * b.add({ name: 'if1', op: 'IF', inputs: ['conv1'], attrs: { neuron: { vThreshold: 1, vReset: null } } });
 */
export const ifLayer: LayerDef = spikingLayer('IF');
