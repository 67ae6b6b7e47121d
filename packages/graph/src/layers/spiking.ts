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
 * The node's drive, if it has one: a constant current d (the `drive` param, one value per element of
 * the input's last axis) added to the input for the first N steps (the `driveSteps` attr) — the part
 * of a correction that must fade as T grows: X'_t = X_t + d·[t ≤ N].
 */
export function nodeDrive(node: Pick<GraphNode, 'attrs' | 'params'>): { drive: tf.Tensor; steps: number } | undefined {
  const drive = node.params.drive;
  return drive ? { drive, steps: node.attrs.driveSteps as number } : undefined;
}

/**
 * A spiking layer of `model` neurons (IF, LIF, or any model registered with @snn/neuron) backed by @snn/neuron's pure `step`. Attrs:
 * `neuron` (NeuronParams as JSON; θ may instead be a per-channel param `vThreshold` `[C]`, and V₀ a
 * per-channel param `v0` `[C]`, which replaces `neuron.v0`: what potential calibration sets) and
 * `amplitude`: `'unit'` (default) outputs the spikes S, `'threshold'` outputs S·θ, so that a
 * converted SNN computes in the ANN's units; with a `drive` param `[D]` (D = the input's last axis)
 * and a `driveSteps` attr N, the input is X_t + drive for t ≤ N ({@link nodeDrive}: execute() must then
 * be told the step). Stateful: V lives in execute()'s `state`.
 */
export function spikingLayer(model: string): LayerDef {
  return {
    op: model,
    stateful: true,
    params: { optional: ['vThreshold', 'v0', 'drive'] },
    attrs(a) {
      const neuron = a.neuron;
      if (neuron === null || typeof neuron !== 'object' || Array.isArray(neuron)) {
        throw new Error(`attribute neuron must be NeuronParams such as { vThreshold: 1, vReset: null }, got ${JSON.stringify(neuron)}`);
      }
      const amplitude = a.amplitude ?? 'unit';
      if (amplitude !== 'unit' && amplitude !== 'threshold')
        throw new Error(`attribute amplitude must be 'unit' or 'threshold', got ${JSON.stringify(amplitude)}`);
      const driveSteps = a.driveSteps;
      if (driveSteps !== undefined && !(Number.isInteger(driveSteps) && (driveSteps as number) >= 1))
        throw new Error(`attribute driveSteps must be a whole number of steps ≥ 1, got ${JSON.stringify(driveSteps)}`);
      return { neuron: { ...neuron }, amplitude, ...(driveSteps === undefined ? {} : { driveSteps }) };
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
      const drive = params.drive;
      if (drive && (drive.rank !== 1 || drive.shape[0] !== x[x.length - 1]))
        throw new Error(`param drive must be [${x[x.length - 1]}] (one per element of the last axis), got [${drive.shape.join(', ')}]`);
      if (drive && attrs.driveSteps === undefined) throw new Error('param drive needs attribute driveSteps (how many steps it drives)');
      validateParams(p, getNeuronModel(model));
      return [...x];
    },
    forward({ node, inputs: [input], state, setState, step: t }) {
      const p = neuronParams(node);
      const d = nodeDrive(node);
      if (d && t === undefined) throw new Error(`it has a drive for its first ${d.steps} steps: execute() needs the step (opts.step)`);
      const x = d && (t as number) <= d.steps ? tf.add(input, d.drive) : input;
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
