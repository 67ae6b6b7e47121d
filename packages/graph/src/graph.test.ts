import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { Graph, GraphBuilder, GraphError, listLayers, registerLayer } from './index.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** x → conv → relu → pool → flat → fc, plus a residual-style side branch. */
function small(fcIn = 8) {
  const b = new GraphBuilder();
  const x = b.input('x', [6, 6, 1]);
  // Nodes added out of order on purpose: build() sorts them.
  b.add({ name: 'fc', op: 'Linear', inputs: ['flat'], params: { weight: tf.zeros([fcIn, 3]) } });
  b.add({ name: 'conv', op: 'Conv2d', inputs: [x], params: { weight: tf.zeros([3, 3, 1, 2]) } });
  b.add({ name: 'relu', op: 'ReLU', inputs: ['conv'] });
  b.add({ name: 'pool', op: 'AvgPool2d', inputs: ['relu'], attrs: { kernel: 2 } });
  b.add({ name: 'flat', op: 'Flatten', inputs: ['pool'] });
  return b.output('fc').build();
}

describe('Graph and GraphBuilder', () => {
  it('sorts nodes topologically and infers every shape', () => {
    const g = small();
    expect(g.nodes.map((n) => n.name)).toEqual(['conv', 'relu', 'pool', 'flat', 'fc']);
    expect(g.shapeOf('x')).toEqual([6, 6, 1]);
    expect(g.shapeOf('conv')).toEqual([4, 4, 2]);
    expect(g.shapeOf('pool')).toEqual([2, 2, 2]);
    expect(g.shapeOf('flat')).toEqual([8]);
    expect(g.node('pool').attrs).toEqual({ kernel: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0], countIncludePad: true });
    expect(g.consumers('relu').map((n) => n.name)).toEqual(['pool']);
    expect(g.consumers('x').map((n) => n.name)).toEqual(['conv']);
  });

  it('fails with the node, op and shapes when a shape does not fit', () => {
    try {
      small(18);
      expect.unreachable();
    } catch (e) {
      // flat is [8] but fc's weight is [18, 3]
      expect(e).toBeInstanceOf(GraphError);
      expect((e as GraphError).node).toBe('fc');
      expect((e as GraphError).op).toBe('Linear');
      expect((e as Error).message).toBe("node 'fc' (Linear), input shape(s) [8]: weight must be [in, out] = [8, out], got [18, 3]");
    }
  });

  it('refuses unknown ops, unknown inputs, duplicate names, cycles and missing outputs', () => {
    const mk = (f: (b: GraphBuilder) => void) => () => {
      const b = new GraphBuilder();
      b.input('x', [4]);
      f(b);
      return b.build();
    };
    expect(mk((b) => b.add({ name: 'a', op: 'Softmax2', inputs: ['x'] }).length && b.output('a'))).toThrow(
      /node 'a' \(Softmax2\): unknown op \(registered: Add, (\w+, )*AvgPool2d, /,
    );
    expect(mk((b) => b.add({ name: 'a', op: 'ReLU', inputs: ['y'] }) && b.output('a'))).toThrow(
      /node 'a' \(ReLU\): input 'y' is neither a node nor a graph input/,
    );
    expect(mk((b) => b.add({ name: 'x', op: 'ReLU', inputs: ['x'] }))).toThrow(/name 'x' is already used/);
    expect(
      mk((b) => {
        b.add({ name: 'a', op: 'ReLU', inputs: ['b'] });
        b.add({ name: 'b', op: 'ReLU', inputs: ['a'] });
        b.output('a');
      }),
    ).toThrow(/cycle: a → b → a/);
    expect(mk((b) => b.add({ name: 'a', op: 'ReLU', inputs: ['x'] }))).toThrow(/at least one output/);
    expect(mk((b) => b.add({ name: 'a', op: 'Add', inputs: ['x'] }) && b.output('a'))).toThrow(/node 'a' \(Add\): takes at least 2 input\(s\), got 1/);
    expect(mk((b) => b.add({ name: 'a', op: 'ReLU', inputs: ['x'], params: { w: tf.zeros([1]) } }) && b.output('a'))).toThrow(/unknown param 'w'/);
    expect(() => Graph.fromSpecs([{ name: 'x', shape: [0, 2] }], [], ['x'])).toThrow(/graph input 'x' has shape \[0,2\]/);
  });

  it('with(): remove rewires readers, update patches, insertAfter splices, and the old graph is unchanged', () => {
    const b = new GraphBuilder();
    b.input('x', [4]);
    b.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: tf.zeros([4, 3]) } });
    b.add({ name: 'bn', op: 'BatchNorm', inputs: ['fc'], params: { gamma: tf.ones([3]), beta: tf.zeros([3]), mean: tf.zeros([3]), var: tf.ones([3]) } });
    b.add({ name: 'relu', op: 'ReLU', inputs: ['bn'] });
    const g = b.output('relu').build();

    const folded = g.with({ remove: ['bn'], update: { fc: { params: { weight: tf.ones([4, 3]), bias: tf.zeros([3]) } } } });
    expect(folded.nodes.map((n) => n.name)).toEqual(['fc', 'relu']);
    expect(folded.node('relu').inputs).toEqual(['fc']);
    expect(Object.keys(folded.node('fc').params)).toEqual(['weight', 'bias']);
    expect(g.nodes.map((n) => n.name)).toEqual(['fc', 'bn', 'relu']);

    const spiking = folded.with({ update: { relu: { op: 'IF', attrs: { neuron: { vThreshold: 1, vReset: null } } } } });
    expect(spiking.node('relu').op).toBe('IF');

    const tapped = g.with({ insertAfter: [{ after: 'relu', spec: { name: 'clip', op: 'Clip', attrs: { min: 0, max: 1 } } }] });
    expect(tapped.outputs).toEqual(['clip']);
    expect(tapped.node('clip').inputs).toEqual(['relu']);

    expect(() => g.with({ update: { nope: { op: 'ReLU' } } })).toThrow(/cannot update 'nope'/);
  });

  it('readout: delay 0 by default, set and kept by with(), bad delays refused by name', () => {
    const g = small();
    expect(g.readout).toEqual({ delay: 0 });
    const d = g.with({ readout: { delay: 2 } });
    expect(d.readout).toEqual({ delay: 2 });
    expect(g.readout).toEqual({ delay: 0 });
    expect(d.with({ remove: ['pool'], update: { fc: { params: { weight: tf.zeros([32, 3]) } } } }).readout).toEqual({ delay: 2 });
    expect(d.with({ readout: { delay: 0 } }).readout).toEqual({ delay: 0 });
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => g.with({ readout: { delay: bad } })).toThrow(/readout\.delay must be a whole number of steps >= 0/);
  });

  it('registerLayer plugs in a new op', () => {
    registerLayer({ op: 'TestSquare', inferShape: ({ inputShapes }) => [...inputShapes[0]], forward: ({ inputs }) => tf.square(inputs[0]) });
    expect(listLayers()).toContain('TestSquare');
    const b = new GraphBuilder();
    b.input('x', [2]);
    b.add({ name: 'sq', op: 'TestSquare', inputs: ['x'] });
    expect(b.output('sq').build().shapeOf('sq')).toEqual([2]);
  });
});
