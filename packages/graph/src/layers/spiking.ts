import * as tf from '@tensorflow/tfjs-core';
import { checkThresholdShape, getNeuronModel, initState, type NeuronArrays, type NeuronParams, neuronArrays, step, validateParams } from '@snn/neuron';
import type { LayerDef } from '../layer.js';
import type { GraphNode } from '../types.js';

/** The node's neuron parameters: attrs.neuron, with θ from the `vThreshold` param and V₀ from the `v0` param when there are. */
export function neuronParams(node: Pick<GraphNode, 'attrs' | 'params'>): NeuronParams {
  const p = { ...(node.attrs.neuron as NeuronParams) };
  if (node.params.vThreshold) p.vThreshold = node.params.vThreshold;
  if (node.params.v0) p.v0 = node.params.v0;
  return p;
}

/** The node's neuron as float32 arrays (θ, amplitude, V₀ per channel; the scalar charge): what the simulator's kernels read. */
export function nodeNeuronArrays(node: Pick<GraphNode, 'op' | 'attrs' | 'params'>): NeuronArrays {
  return neuronArrays(node.op, neuronParams(node), node.attrs.amplitude === 'threshold' ? 'threshold' : 'unit');
}

/**
 * A spiking layer of `model` neurons (IF, LIF, or any model registered with @snn/neuron) backed by @snn/neuron's pure `step`. Attrs:
 * `neuron` (NeuronParams as JSON; θ may instead be a per-channel param `vThreshold` `[C]`, and V₀ a
 * per-channel param `v0` `[C]`, which replaces `neuron.v0`: what potential calibration sets) and
 * `amplitude`: `'unit'` (default) outputs the spikes S, `'threshold'` outputs S·θ, so that a
 * converted SNN computes in the ANN's units. Stateful: V lives in execute()'s `state`.
 */
export function spikingLayer(model: string): LayerDef {
  return {
    op: model,
    stateful: true,
    params: { optional: ['vThreshold', 'v0'] },
    attrs(a) {
      const neuron = a.neuron;
      if (neuron === null || typeof neuron !== 'object' || Array.isArray(neuron)) {
        throw new Error(`attribute neuron must be NeuronParams such as { vThreshold: 1, vReset: null }, got ${JSON.stringify(neuron)}`);
      }
      const amplitude = a.amplitude ?? 'unit';
      if (amplitude !== 'unit' && amplitude !== 'threshold')
        throw new Error(`attribute amplitude must be 'unit' or 'threshold', got ${JSON.stringify(amplitude)}`);
      return { neuron: { ...neuron }, amplitude };
    },
    inferShape({ attrs, params, inputShapes: [x] }) {
      const p = neuronParams({ attrs, params });
      const theta = params.vThreshold;
      if (theta) {
        if (theta.rank !== 1) throw new Error(`param vThreshold must be [${x[x.length - 1]}] (per channel), got [${theta.shape.join(', ')}]`);
        checkThresholdShape(theta, [1, ...x]);
      }
      const v0 = params.v0;
      if (v0 && (v0.rank !== 1 || v0.shape[0] !== x[x.length - 1]))
        throw new Error(`param v0 must be [${x[x.length - 1]}] (per channel), got [${v0.shape.join(', ')}]`);
      validateParams(p, getNeuronModel(model));
      return [...x];
    },
    forward({ node, inputs: [x], state, setState }) {
      const p = neuronParams(node);
      const m = getNeuronModel(model);
      if (state && !tf.util.arraysEqual(state.v.shape, x.shape)) {
        throw new Error(`the state has shape [${state.v.shape.join(', ')}] but the input is [${x.shape.join(', ')}]: start a new state for a new batch size`);
      }
      const r = step(m, state ?? initState(x.shape, p, m), x, p);
      setState(r.state);
      return node.attrs.amplitude === 'threshold' ? tf.mul(r.spikes, p.vThreshold) : r.spikes;
    },
  };
}
