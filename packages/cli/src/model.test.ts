// isSpiking asks each node's layer whether it keeps state (LayerDef.stateful), so a neuron model
// registered by a user counts as spiking without the CLI knowing its name.
import { initBackend } from '@snn/backend';
import { type Graph, registerLayer } from '@snn/graph';
import { registerNeuronModel } from '@snn/neuron';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../test/helpers.js';
import { isSpiking, loadModel } from './model.js';

let ann: Graph;
/** The tutorial ANN with every ReLU replaced by `op` (the shape of a converted SNN with that neuron). */
const withNeuron = (op: string): Graph => ({ nodes: ann.nodes.map((n) => (n.op === 'ReLU' ? { ...n, op } : n)) }) as unknown as Graph; // isSpiking reads only the nodes

beforeAll(async () => {
  await initBackend('wasm');
  ann = await loadModel(fixture('mnist_cnn_mnist.onnx'));
  registerNeuronModel({ name: 'CliToyNeuron', charge: (v, x) => tf.add(tf.mul(v, 0.5), x) });
  registerLayer({ op: 'CliToyStateless', inferShape: ({ inputShapes }) => [...inputShapes[0]], forward: ({ inputs }) => inputs[0] });
});

describe('isSpiking', () => {
  it('is false for an ANN (the tutorial CNN from ONNX)', () => {
    expect(ann.nodes.some((n) => n.op === 'ReLU')).toBe(true);
    expect(isSpiking(ann)).toBe(false);
  });

  it('is true for IF, LIF and a neuron model registered only with @snn/neuron', () => {
    expect(isSpiking(withNeuron('IF'))).toBe(true);
    expect(isSpiking(withNeuron('LIF'))).toBe(true);
    expect(isSpiking(withNeuron('CliToyNeuron'))).toBe(true);
  });

  it('is false for a registered layer without state', () => {
    expect(isSpiking(withNeuron('CliToyStateless'))).toBe(false);
  });
});
