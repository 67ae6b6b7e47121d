// The tutorial's first experiment: IF neurons with reset by subtraction under constant input.
import * as tf from '@tensorflow/tfjs-core';
import { NeuronLayer } from '@snn/neuron';

/** x_i = −0.2 + 0.04·i for i = 0..n−1 (the tutorial's torch.arange(-0.2, 1.2, 0.04)), rounded to 10 decimals. */
export function tutorialInputs(n = 35) {
  return Array.from({ length: n }, (_, i) => Number((-0.2 + 0.04 * i).toFixed(10)));
}

/**
 * Feeds the constant input x to one IF neuron per entry (θ = 1, vReset = null) for T steps, as the
 * tutorial does with `if_node(x)` T times. Returns the spikes as [T][N] and each firing rate
 * r_i = (1/T)·Σ_t s[t][i]. Theory: r_i = x_i − (V_T − V_0)/T, so |r_i − clamp(x_i, 0, 1)| ≤ 1/T.
 *
 * @param {{ x?: number[], T?: number }} [options]
 * @returns {{ T: number, x: number[], spikes: number[][], rate: number[], vT: number[] }}
 */
export function runIfVsRelu({ x = tutorialInputs(), T = 128 } = {}) {
  const layer = new NeuronLayer('IF', { vThreshold: 1, vReset: null });
  const input = tf.tensor1d(x);
  /** @type {number[][]} */
  const spikes = [];
  for (let t = 0; t < T; t++) {
    const s = layer.forward(input);
    spikes.push(Array.from(s.dataSync()));
    s.dispose();
  }
  const vT = layer.state ? Array.from(layer.state.v.dataSync()) : x.map(() => 0);
  layer.dispose();
  input.dispose();
  const rate = x.map((_, i) => spikes.reduce((n, row) => n + row[i], 0) / T);
  return { T, x, spikes, rate, vT };
}
