// PyTorch's ways of writing QCFS (tools/fixtures/qcfs_models.py) import as one QCFS node each; Floor
// chains that are not QCFS are refused with their nodes named. Outputs vs PyTorch: fixtures.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { attr, floatTensor, node, valueInfo, writeModel } from './helpers/onnx-writer.js';
import { maxAbsDiff, runNchw, useBackend } from './helpers/run.js';
import { importOnnx, planImport } from '../src/index.js';

beforeAll(() => useBackend('wasm'));

const dir = join(import.meta.dirname, 'fixtures');
const bytes = (name: string) => new Uint8Array(readFileSync(join(dir, `${name}.onnx`)));
const qcfsSpecs = (name: string) => planImport(bytes(name)).specs.filter((s) => s.op === 'QCFS');
const lambdaOf = (s: { params?: Record<string, { data: ArrayLike<number> }> }) => Array.from(s.params?.lambda.data ?? []);

describe('QCFS patterns exported by PyTorch', () => {
  it("Bu et al.'s order (x/λ, clamp, ·L + ½, floor, /L, ·λ): two QCFS nodes, λ as set, L = 8, nothing else left", () => {
    const specs = planImport(bytes('qcfs_bu')).specs;
    expect(specs.map((s) => s.op)).toEqual(['Conv2d', 'QCFS', 'AvgPool2d', 'Flatten', 'Linear', 'QCFS', 'Linear']);
    const q = specs.filter((s) => s.op === 'QCFS');
    expect(q.map((s) => s.attrs)).toEqual([{ levels: 8 }, { levels: 8 }]);
    expect(lambdaOf(q[0])[0]).toBeCloseTo(1.3, 6);
    expect(lambdaOf(q[1])[0]).toBeCloseTo(0.7, 6);
    expect(q[0].name).toBe('/1/QCFS');
  });

  it('the detach straight-through form (u + (⌊u⌋ − u)) with a 0-d λ', () => {
    const [q] = qcfsSpecs('qcfs_detach');
    expect(q.attrs).toEqual({ levels: 8 });
    expect(lambdaOf(q)).toHaveLength(1);
    expect(lambdaOf(q)[0]).toBeCloseTo(1.1, 6);
  });

  it('λ per channel ([1, C, 1, 1]) with Max/Min after the floor; λ per feature on a Linear output', () => {
    const [mm] = qcfsSpecs('qcfs_minmax');
    expect(mm.attrs).toEqual({ levels: 4 });
    const want = [0.6, 0.8666667, 1.1333333, 1.4]; // 1.0 · linspace(0.6, 1.4, 4)
    for (const [i, v] of lambdaOf(mm).entries()) expect(v).toBeCloseTo(want[i], 5);
    const [lv] = qcfsSpecs('qcfs_levels');
    expect(lv.attrs).toEqual({ levels: 6 });
    expect(lambdaOf(lv)).toHaveLength(6);
    expect(lambdaOf(lv)[5]).toBeCloseTo(0.6 * 1.4, 5);
  });

  it('refuses Floor chains that are not QCFS, naming the nodes and the reason', () => {
    expect(() => planImport(bytes('qcfs_bad_shift'))).toThrow(
      /nodes .*\/1\/Mul, \/1\/Div, \/1\/Add, \/1\/Floor, .*not provably QCFS.*offset added before Floor is 0\.3 steps, not ½/,
    );
    expect(() => planImport(bytes('qcfs_bad_noclip'))).toThrow(/\/1\/Floor.*not provably QCFS.*clipped below at -Infinity, not 0/);
  });
});

const img = (name: string) => valueInfo(name, ['N', 2, 3, 3]);
const X = { dims: [1, 2, 3, 3], data: Float32Array.from({ length: 18 }, (_, i) => (i - 5) * 0.37 + 0.01) };

describe('QCFS pattern pass on hand-written chains', () => {
  it('leaves the bias Add of a MatMul out of the chain, and fuses the rest (x·I + b, then QCFS)', () => {
    // y = 2·clip(⌊(x + b)·4/2 + ½⌋/4, 0, 1): Add(b) is not part of QCFS, the shorter chain is.
    const B = [0.1, -0.2, 0.3, 0, 0.05, -0.1];
    const model = writeModel({
      nodes: [
        node('MatMul', ['x', 'I'], ['xw']),
        node('Add', ['xw', 'b'], ['xb']),
        node('Mul', ['xb', 'k'], ['u0']),
        node('Add', ['u0', 'half'], ['u']),
        node('Floor', ['u'], ['f']),
        node('Div', ['f', 'L'], ['g']),
        node('Clip', ['g', 'zero', 'one'], ['h']),
        node('Mul', ['lam', 'h'], ['y']),
      ],
      initializers: [
        floatTensor(
          'I',
          [6, 6],
          Array.from({ length: 36 }, (_, i) => (i % 7 === 0 ? 1 : 0)),
        ),
        floatTensor('b', [6], B),
        ...Object.entries({ k: 2, half: 0.5, L: 4, zero: 0, one: 1, lam: 2 }).map(([n, v]) => floatTensor(n, [], [v])),
      ],
      inputs: [valueInfo('x', ['N', 6])],
      outputs: [valueInfo('y', ['N', 6])],
    });
    const specs = planImport(model).specs;
    expect(specs.map((s) => s.op)).toEqual(['Linear', 'QCFS']);
    const g = importOnnx(model);
    const y = runNchw(g, { dims: [3, 6], data: X.data }).data;
    g.dispose();
    const want = Array.from(X.data, (x, i) => 2 * Math.min(Math.max(Math.floor(((x + B[i % 6]) * 4) / 2 + 0.5) / 4, 0), 1));
    expect(maxAbsDiff(y, want)).toBeLessThan(1e-6);
  });

  it('refuses a model that writes a QCFS op itself, and a chain whose constants broadcast two ways', () => {
    const own = writeModel({
      nodes: [node('QCFS', ['x', 'lam'], ['y'], [attr.i('levels', 4)])],
      initializers: [floatTensor('lam', [1], [1])],
      inputs: [img('x')],
      outputs: [img('y')],
    });
    expect(() => planImport(own)).toThrow(/QCFS is not an ONNX op/);
    const mixed = writeModel({
      nodes: [node('Div', ['x', 'lamC'], ['a']), node('Mul', ['a', 'w'], ['b']), node('Add', ['b', 'half'], ['c']), node('Floor', ['c'], ['y'])],
      initializers: [floatTensor('lamC', [2, 1, 1], [1, 2]), floatTensor('w', [3], [4, 4, 4]), floatTensor('half', [], [0.5])],
      inputs: [img('x')],
      outputs: [img('y')],
    });
    expect(() => planImport(mixed)).toThrow(/Floor_y.*broadcast as \[2, 1, 1\] and \[3\]/);
  });
});
