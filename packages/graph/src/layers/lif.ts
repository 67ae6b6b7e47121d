import type { LayerDef } from '../layer.js';
import { spikingLayer } from './spiking.js';

/**
 * Leaky integrate-and-fire neurons (SpikingJelly's LIFNode), one per input element, with τ and
 * `decayInput` from `attrs.neuron`:
 *
 *   H_t = V_{t−1} + (X_t − (V_{t−1} − V_reset)) / τ   (decayInput; see @snn/neuron for the other form)
 *
 * then fire and reset as IF. The membrane V is carried between `execute()` calls in its `state`.
 *
 * @example
 * b.add({ name: 'lif1', op: 'LIF', inputs: ['conv1'], attrs: { neuron: { vThreshold: 1, vReset: 0, tau: 2 } } });
 */
export const lifLayer: LayerDef = spikingLayer('LIF');
