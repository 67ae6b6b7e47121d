import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { execute, GraphBuilder, loadGraph, readGraph, saveGraph, saveGraphAsync, tutorialCnn, writeGraph } from '../node.js';
import type { Graph } from '../graph.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const bytesOf = (t: tf.Tensor) => Array.from(new Uint8Array((t.dataSync() as Float32Array).slice().buffer));

function expectSameGraph(a: Graph, b: Graph) {
  expect(b.inputs).toEqual(a.inputs);
  expect(b.outputs).toEqual(a.outputs);
  expect(b.nodes.map((n) => [n.name, n.op, n.inputs, n.shape])).toEqual(a.nodes.map((n) => [n.name, n.op, n.inputs, n.shape]));
  a.nodes.forEach((n, i) => {
    expect(b.nodes[i].attrs).toEqual(n.attrs);
    for (const [k, t] of Object.entries(n.params)) {
      const u = b.nodes[i].params[k];
      expect(u.shape).toEqual(t.shape);
      expect(u.dtype).toBe(t.dtype);
      expect(bytesOf(u)).toEqual(bytesOf(t));
    }
  });
}

describe('saveGraph / loadGraph', () => {
  it('round-trips the tutorial CNN bit-exactly, and the loaded graph computes the same outputs', () => {
    const g = tutorialCnn({ seed: 5 });
    const { json, weights } = saveGraph(g);
    const parsed = JSON.parse(json);
    expect(parsed.format).toBe('snn-graph');
    expect(parsed.version).toBe(1);
    expect(parsed.nodes[0].params.weight).toEqual({ shape: [3, 3, 1, 32], dtype: 'float32', offset: 0, length: 3 * 3 * 32 * 4 });
    expect(weights.length).toBe(
      parsed.nodes.flatMap((n: { params: object }) => Object.values(n.params)).reduce((s: number, p: { length: number }) => s + p.length, 0),
    );
    const h = loadGraph(json, weights);
    expectSameGraph(g, h);
    const x = tf.randomUniform([3, 28, 28, 1]);
    expect(bytesOf(execute(h, x).outputs[0])).toEqual(bytesOf(execute(g, x).outputs[0]));
  });

  it('keeps awkward values: NaN, ±Infinity, −0, subnormals in params; ±Infinity in attrs; spiking nodes with threshold params', () => {
    const b = new GraphBuilder();
    b.input('x', [4]);
    const odd = new Float32Array([Number.NaN, Number.POSITIVE_INFINITY, -0, 1e-45]);
    b.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(4), bias: tf.tensor1d(odd) } });
    b.add({ name: 'clip', op: 'Clip', inputs: ['fc'], attrs: { min: 0 } });
    b.add({
      name: 'if',
      op: 'IF',
      inputs: ['clip'],
      attrs: { neuron: { vReset: null, v0: { fractionOfThreshold: 0.5 } }, amplitude: 'threshold' },
      params: { vThreshold: tf.tensor1d([1, 2, 3, 4]) },
    });
    const g = b.output('if').build();
    const { json, weights } = saveGraph(g);
    expect(json).toContain('{"$number":"Infinity"}');
    const h = loadGraph(JSON.parse(json), weights.buffer.slice(0) as ArrayBuffer);
    expectSameGraph(g, h);
    expect(h.node('clip').attrs.max).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses other formats, newer versions and params outside the blob, naming them', () => {
    const { json, weights } = saveGraph(tutorialCnn());
    const saved = JSON.parse(json);
    expect(() => loadGraph({ ...saved, format: 'onnx' }, weights)).toThrow(/not an snn-graph file/);
    expect(() => loadGraph({ ...saved, version: 3 }, weights)).toThrow(/version 3 is newer than this reader \(2\)/);
    expect(() => loadGraph({ ...saved, version: 2, readout: { delay: 1.5 } }, weights)).toThrow(
      /loadGraph: readout\.delay must be a whole number of steps >= 0, got 1\.5/,
    );
    expect(() => loadGraph(json, weights.slice(0, 1200))).toThrow(/node 'conv1' param 'bias': bytes 1152\.\.1280 lie outside the 1200-byte weights blob/);
    const bad = structuredClone(saved);
    bad.nodes[0].params.weight.length = 12;
    expect(() => loadGraph(bad, weights)).toThrow(/node 'conv1' param 'weight': length 12 bytes does not match shape \[3, 3, 1, 32\]/);
  });
});

/** A graph of one Linear node 'fc' (input 'x') with these weight rows and bias. */
function linear(weight: number[][], bias: number[]): Graph {
  const b = new GraphBuilder();
  b.input('x', [weight[0].length]);
  b.add({ name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: tf.tensor2d(weight), bias: tf.tensor1d(bias) } });
  return b.output('fc').build();
}

/** What the savers read of `g` (inputs, outputs, nodes), with node `name`'s param `key` set to `t`. */
const withParam = (g: Graph, name: string, key: string, t: tf.Tensor) =>
  ({
    inputs: g.inputs,
    outputs: g.outputs,
    nodes: g.nodes.map((n) => (n.name === name ? { ...n, params: { ...n.params, [key]: t } } : n)),
  }) as unknown as Graph;

describe('saveGraphAsync', () => {
  it('writes the same JSON and bytes as saveGraph without a synchronous read (as WebGPU in Node needs), int32 params too', async () => {
    const fc = linear(
      [
        [1, -0, 3],
        [4, 5, Number.NaN],
        [7, 8, 9],
      ],
      [0.5, -2, 1e-45],
    );
    // no layer has int32 params (a graph refuses one), the format holds them: what saveGraph reads of a graph, with one
    const small = withParam(fc, 'fc', 'bias', tf.tensor1d([2, 0, -1], 'int32'));
    for (const g of [tutorialCnn({ seed: 3 }), small]) {
      const sync = saveGraph(g);
      const tensors = g.nodes.flatMap((n) => Object.values(n.params));
      const reads = tensors.map((t) => t.dataSync);
      for (const t of tensors)
        t.dataSync = () => {
          throw new Error('synchronous read');
        };
      let saved: Awaited<ReturnType<typeof saveGraphAsync>>;
      try {
        saved = await saveGraphAsync(g);
      } finally {
        tensors.forEach((t, i) => {
          t.dataSync = reads[i];
        });
      }
      expect(saved.json).toBe(sync.json);
      expect(Array.from(saved.weights)).toEqual(Array.from(sync.weights));
      if (g !== small) expectSameGraph(g, loadGraph(saved.json, saved.weights));
    }
  });

  it('refuses a dtype the format cannot hold before reading anything, naming node and param', async () => {
    const g = withParam(
      linear(
        [
          [1, 0],
          [0, 1],
        ],
        [0, 0],
      ),
      'fc',
      'bias',
      tf.tensor1d([true, false], 'bool'),
    );
    g.nodes[0].params.weight.data = () => Promise.reject(new Error('read before the dtype check'));
    await expect(saveGraphAsync(g)).rejects.toThrow(/node 'fc' param 'bias' has dtype bool; only float32 and int32 can be saved/);
  });
});

describe('Node file helpers', () => {
  it('writeGraph / readGraph round-trip through a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snn-graph-'));
    try {
      const g = tutorialCnn({ seed: 9 });
      const paths = await writeGraph(g, join(dir, 'model'));
      expect(JSON.parse(await readFile(paths.json, 'utf8')).format).toBe('snn-graph');
      expectSameGraph(g, await readGraph(join(dir, 'model')));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('loadGraph with a Node Buffer', () => {
  it('reads the weights from a Buffer carved out of Node’s shared pool', async () => {
    const { Buffer } = await import('node:buffer');
    const { json, weights } = saveGraph(
      linear(
        [
          [1, 2],
          [3, 4],
        ],
        [5, 6],
      ),
    );
    const pooled = Buffer.from(weights); // small Buffers share one pool: byteOffset > 0
    const g = loadGraph(json, pooled);
    expect(Array.from(await g.node('fc').params.weight.data())).toEqual([1, 2, 3, 4]);
    expect(Array.from(await g.node('fc').params.bias.data())).toEqual([5, 6]);
  });

  it('keeps a delayed readout (version 2); a graph with the default readout is written as version 1 without the field', () => {
    const g = tutorialCnn({ seed: 5 });
    const plain = JSON.parse(saveGraph(g).json);
    expect(plain.version).toBe(1);
    expect('readout' in plain).toBe(false);
    const delayed = g.with({ readout: { delay: 3 } });
    const { json, weights } = saveGraph(delayed);
    const parsed = JSON.parse(json);
    expect(parsed.version).toBe(2);
    expect(parsed.readout).toEqual({ delay: 3 });
    expect(weights).toEqual(saveGraph(g).weights);
    const h = loadGraph(json, weights);
    expect(h.readout).toEqual({ delay: 3 });
    expectSameGraph(delayed, h);
    expect(loadGraph(saveGraph(g).json, weights).readout).toEqual({ delay: 0 });
  });
});
