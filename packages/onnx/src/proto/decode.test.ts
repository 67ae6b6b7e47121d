import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OnnxImportError } from '../errors.js';
import { decodeModel } from './decode.js';
import { toSafeInt } from './int64.js';

const cnn = new Uint8Array(readFileSync(new URL('../../test/fixtures/mnist_cnn_mnist.onnx', import.meta.url)));

describe('decodeModel', () => {
  it('decodes a model exported by PyTorch: opset, graph, nodes, attributes, initializers', () => {
    const m = decodeModel(cnn);
    expect(m.irVersion).toBe(7);
    expect(m.opsetImport).toEqual([{ domain: '', version: 13 }]);
    expect(m.producerName).toBe('pytorch');
    expect(m.graph.nodes[0]).toMatchObject({ opType: 'Conv', name: '/network/network.0/Conv', inputs: ['input', 'network.0.weight', 'network.0.bias'] });
    expect(m.graph.nodes[0].attributes.get('kernel_shape')?.ints).toEqual([3, 3]);
    expect(m.graph.inputs[0]).toEqual({ name: 'input', elemType: 1, dims: ['batch', 1, 28, 28] });
    const w = m.graph.initializers.find((t) => t.name === 'network.0.weight');
    expect(w?.dims).toEqual([32, 1, 3, 3]);
    expect(w?.rawData.length).toBe(32 * 9 * 4);
  });

  const decodeError = (bytes: Uint8Array) => {
    try {
      decodeModel(bytes);
    } catch (e) {
      return e as OnnxImportError;
    }
    throw new Error('decoded');
  };

  it('refuses empty, truncated and garbage input with code decode', () => {
    expect(decodeError(new Uint8Array(0)).message).toBe('the model file is empty');
    const truncated = decodeError(cnn.subarray(0, 5000));
    expect(truncated).toBeInstanceOf(OnnxImportError);
    expect(truncated.code).toBe('decode');
    expect(truncated.message).toMatch(/truncated or not an ONNX file/);
    const text = decodeError(new TextEncoder().encode('<html><body>Not Found</body></html>'));
    expect(text.code).toBe('decode');
  });

  it('accepts Long-like int64 values and refuses unsafe ones', () => {
    expect(toSafeInt({ low: -1, high: 0, unsigned: false }, 'x')).toBe(4294967295);
    expect(toSafeInt({ low: -1, high: -1 }, 'x')).toBe(-1);
    expect(() => toSafeInt({ low: 0, high: 0x7fffffff }, 'dims')).toThrow(/dims .* outside the safe integer range/);
  });
});
