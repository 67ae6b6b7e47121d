import type { NeuronArrays } from '@snn/neuron';

/**
 * How monitors read values that are not a neuron's (the encoded input, a spiking max-pool's output):
 * each non-zero value is one spike of amplitude 1.
 */
export function unitSpikes(model: string): NeuronArrays {
  return { model, channels: 1, theta: Float32Array.of(1), amp: Float32Array.of(1), v0: Float32Array.of(0), vReset: null, maxSpikes: 1, charge: undefined };
}
