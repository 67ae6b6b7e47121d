// Bad models fail early, with one OnnxImportError that names the problem and where it is.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, importOnnx, OnnxImportError } from '../src/node.js';
import { encodeModelObject, type Loose, modelObject } from './helpers/onnx-writer.js';
import { useBackend } from './helpers/run.js';

const fixture = (n: string) => join(import.meta.dirname, 'fixtures', n);
const cnnBytes = new Uint8Array(readFileSync(fixture('mnist_cnn_mnist.onnx')));

beforeAll(() => useBackend('wasm'));

function importError(src: Uint8Array | string): OnnxImportError {
  try {
    importOnnx(src).dispose();
  } catch (e) {
    expect(e).toBeInstanceOf(OnnxImportError);
    expect((e as Error).message).not.toMatch(/\n/);
    return e as OnnxImportError;
  }
  throw new Error('imported');
}

/** The CNN fixture with an edit applied to its decoded ModelProto. */
function editedCnn(edit: (m: Record<string, Loose>) => void): Uint8Array {
  const m = modelObject(cnnBytes);
  edit(m);
  return encodeModelObject(m);
}

describe('unsupported ops', () => {
  it('lists every unsupported op in the model at once, with nodes and opset', () => {
    const bytes = editedCnn((m) => {
      for (const n of m.graph.node) if (n.opType === 'Relu') n.opType = 'Gelu';
      m.graph.node.push({ opType: 'Erf', input: ['output'], output: ['probs'], name: 'erf' });
      m.graph.node.push({ opType: 'FusedConv', domain: 'com.microsoft', input: ['input'], output: ['fc'], name: 'fused' });
    });
    const e = importError(bytes);
    expect(e.code).toBe('unsupported-op');
    expect(e.message).toBe(
      'unsupported ONNX ops at opset 13: Gelu (nodes /network/network.2/Relu, /network/network.6/Relu, /network/network.10/Relu, …); ' +
        'Erf (node erf); com.microsoft.FusedConv (node fused) [node /network/network.2/Relu, op Gelu, opset 13]; ' +
        'supported ops: supportedOps() of @snn/onnx, or the table in its README',
    );
    expect(e.ops?.map((o) => [o.opType, o.nodes.length])).toEqual([
      ['Gelu', 4],
      ['Erf', 1],
      ['FusedConv', 1],
    ]);
  });
});

describe('broken files', () => {
  it('a truncated file names the file and says it is truncated', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-onnx-'));
    const path = join(dir, 'half.onnx');
    writeFileSync(path, cnnBytes.subarray(0, cnnBytes.length >> 1));
    const e = importError(path);
    expect(e.code).toBe('decode');
    expect(e.message).toMatch(/^not a readable ONNX model \(truncated or not an ONNX file\): .* \[file .*half\.onnx\]$/);
  });

  it('a missing file is an io error naming it', () => {
    const e = importError('/nonexistent/model.onnx');
    expect(e.code).toBe('io');
    expect(e.message).toBe('cannot read the model: no such file [file /nonexistent/model.onnx]');
  });

  it('a folder given as the model is an io error naming it (not an unexpected EISDIR)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-model-dir-'));
    const e = importError(dir);
    expect(e.code).toBe('io');
    expect(e.message).toBe(`cannot read the model: a folder, not a file [file ${dir}]`);
  });

  it('a tensor whose data does not match its dims names the tensor, node and op', () => {
    const bytes = editedCnn((m) => {
      m.graph.initializer.find((t: { name: string }) => t.name === 'network.4.weight').dims = [32, 32, 3, 4];
    });
    expect(importError(bytes).message).toBe(
      'has 36864 bytes of raw_data but dims [32, 32, 3, 4] of FLOAT need 49152 [node /network/network.4/Conv, op Conv, opset 13, tensor network.4.weight]',
    );
  });

  it('a tensor declaring a huge size is refused before any allocation', () => {
    const bytes = editedCnn((m) => {
      m.graph.initializer.find((t: { name: string }) => t.name === 'network.0.weight').dims = [1e6, 1e6, 1e3];
    });
    const heap = process.memoryUsage().arrayBuffers;
    const e = importError(bytes);
    expect(e.code).toBe('tensor');
    expect(e.message).toMatch(/declares dims \[1000000, 1000000, 1000\], more than the limit of 134217728 elements/);
    expect(process.memoryUsage().arrayBuffers - heap).toBeLessThan(64 * 2 ** 20);
    const wide = editedCnn((m) => {
      m.graph.input[0].type.tensorType.shape.dim[2].dimValue = 1e9;
    });
    expect(importError(wide).message).toMatch(/graph input 'input' shape \[batch, 1, 1000000000, 28\] exceeds the limit/);
  });

  it('leaves no tfjs tensor behind when the graph refuses the plan', () => {
    const before = tf.memory().numTensors;
    const w = { name: 'w', dims: [4, 2], kind: 'float' as const, data: new Float32Array(8) };
    const plan = {
      opset: 13,
      producer: 'test',
      inputs: [{ name: 'x', shape: [4] }],
      specs: [
        { name: 'fc', op: 'Linear', inputs: ['x'], params: { weight: w } },
        { name: 'pool', op: 'AvgPool2d', inputs: ['fc'], attrs: { kernel: [2, 2] } },
      ],
      outputs: ['pool'],
    };
    const e = (() => {
      try {
        buildGraph(plan);
      } catch (err) {
        return err as OnnxImportError;
      }
    })();
    expect(e).toBeInstanceOf(OnnxImportError);
    expect(e?.code).toBe('graph');
    expect(e?.message).toMatch(/^the converted graph is invalid: .*rank 3/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('external data', () => {
  /** The CNN with network.0.weight moved to an external file at `location`. */
  function externalCnn(location: string): { bytes: Uint8Array; data: Uint8Array } {
    let data = new Uint8Array(0);
    const bytes = editedCnn((m) => {
      const t = m.graph.initializer.find((x: { name: string }) => x.name === 'network.0.weight');
      data = t.rawData;
      t.rawData = undefined;
      t.dataLocation = 1;
      t.externalData = [
        { key: 'location', value: location },
        { key: 'offset', value: '16' },
        { key: 'length', value: String(data.length) },
      ];
    });
    return { bytes, data };
  }

  it('is refused when importing bytes', () => {
    const e = importError(externalCnn('weights.bin').bytes);
    expect(e.code).toBe('external-data');
    expect(e.message).toMatch(/stores its data in an external file 'weights.bin', which importOnnx\(bytes\) cannot read.*tensor network.0.weight\]$/);
  });

  it('is read from the model directory when importing a path, and nowhere else', () => {
    const root = mkdtempSync(join(tmpdir(), 'snn-onnx-ext-'));
    const dir = join(root, 'model');
    mkdirSync(dir);
    const { bytes, data } = externalCnn('weights.bin');
    const padded = new Uint8Array(16 + data.length);
    padded.set(data, 16);
    writeFileSync(join(dir, 'weights.bin'), padded);
    writeFileSync(join(dir, 'model.onnx'), bytes);
    const g = importOnnx(join(dir, 'model.onnx'));
    expect(Array.from(g.node('/network/network.0/Conv').params.weight.shape)).toEqual([3, 3, 1, 32]);
    g.dispose();

    writeFileSync(join(root, 'secret.bin'), padded);
    symlinkSync(join(root, 'secret.bin'), join(dir, 'link.bin'));
    for (const [loc, re] of [
      ['../secret.bin', /is not a plain relative path inside the model's directory; refused/],
      [join(root, 'secret.bin'), /is not a plain relative path inside the model's directory; refused/],
      ['link.bin', /resolves outside the model's directory; refused/],
      ['missing.bin', /does not exist next to the model/],
    ] as const) {
      writeFileSync(join(dir, 'evil.onnx'), externalCnn(loc).bytes);
      const e = importError(join(dir, 'evil.onnx'));
      expect(e.code).toBe('external-data');
      expect(e.message).toMatch(re);
      expect(e.where).toMatchObject({ tensor: 'network.0.weight', file: join(dir, 'evil.onnx') });
    }
  });
});
