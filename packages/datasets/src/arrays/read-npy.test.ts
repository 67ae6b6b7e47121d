import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstMismatch } from '../../test/same-floats.js';
import { userDataReference, userFixture } from '../../test/user-fixtures.js';
import { readNpy } from './read-npy.js';
import { readNpz } from './read-npz.js';
import { arraysToSplit } from './to-split.js';

const bytes = (name: string) => new Uint8Array(readFileSync(userFixture(name)));
const ref = userDataReference();

describe('readNpy / readNpz on files numpy wrote', () => {
  it('reads np.save uint8 [N, 1, 28, 28] and int64 labels', () => {
    const x = readNpy(bytes('fashion_test_x.npy'), 'x.npy');
    const y = readNpy(bytes('fashion_test_y.npy'), 'y.npy');
    expect([x.dtype, x.shape]).toEqual(['u1', [200, 1, 28, 28]]);
    expect([y.dtype, y.shape]).toEqual(['i8', [200]]);
    const split = arraysToSplit({ x, y, xFile: 'x.npy', yFile: 'y.npy' });
    expect(split.shape).toEqual([28, 28, 1]);
    expect(split.images[300]).toBe(Math.fround(Number(x.data[300]) / 255));
    // 20 per class, as the script chose them
    expect(Array.from({ length: 10 }, (_, c) => split.labels.filter((l) => l === c).length)).toEqual(new Array(10).fill(20));
  });

  it('float32 NCHW in an np.savez archive becomes NHWC, values unchanged', () => {
    const { x, y } = readNpz(bytes('float32_nchw.npz'), 'f.npz');
    const split = arraysToSplit({ x, y, xFile: 'f.npz[x]', yFile: 'f.npz[y]' });
    expect(split.shape).toEqual([5, 6, 3]);
    expect(firstMismatch(split.images, Float32Array.from(ref.edge.float32_nchw.nhwc))).toBe(-1);
    expect(Array.from(split.labels)).toEqual(ref.edge.float32_nchw.labels);
  });

  it('a Fortran-order .npy holds the same array', () => {
    const f = readNpy(bytes('fortran.npy'), 'fortran.npy');
    const { x } = readNpz(bytes('float32_nchw.npz'));
    expect(f.shape).toEqual([4, 3, 5, 6]);
    expect(firstMismatch(f.data as Float32Array, x.data as Float32Array)).toBe(-1);
  });

  it('rank-3 [N, C, L] float64 (np.savez_compressed) becomes [1, L, C]', () => {
    const { x, y } = readNpz(bytes('seq_ncl.npz'));
    const split = arraysToSplit({ x, y, xFile: 'x', yFile: 'y' });
    expect(split.shape).toEqual([1, 7, 2]);
    expect(firstMismatch(split.images, Float32Array.from(ref.edge.seq_ncl.nhwc))).toBe(-1);
  });

  it('--scale multiplies: uint8 kept as 0..255 with scale 1', () => {
    const x = readNpy(bytes('fashion_test_x.npy'));
    const y = readNpy(bytes('fashion_test_y.npy'));
    const split = arraysToSplit({ x, y, xFile: 'x', yFile: 'y' }, 1);
    expect(Math.max(...split.images.subarray(0, 784))).toBe(Math.max(...(x.data as Uint8Array).subarray(0, 784)));
  });
});

describe('bad arrays: one line naming the file', () => {
  const x = () => readNpy(bytes('fashion_test_x.npy'), 'x.npy');
  const y = () => readNpy(bytes('fashion_test_y.npy'), 'y.npy');

  it('refuses truncated, non-npy, big-endian and non-zip input', () => {
    const good = bytes('fashion_test_x.npy');
    expect(() => readNpy(good.subarray(0, good.length - 100), 'x.npy')).toThrow(
      /^x\.npy: truncated: shape \(200, 1, 28, 28\) needs 156800 values, the file has 156700$/,
    );
    expect(() => readNpy(bytes('fashion_test.npz'), 'a.npy')).toThrow('a.npy: not an .npy file');
    expect(() => readNpy(bytes('bigendian.npy'), 'b.npy')).toThrow(/^b\.npy: cannot decode .*big-endian/);
    expect(() => readNpz(bytes('fashion_test_x.npy'), 'x.npz')).toThrow(/^x\.npz: not a readable \.npz \(zip\) archive/);
  });

  it('refuses float labels, wrong ranks and count mismatches', () => {
    const yf = readNpy(bytes('y_float.npy'), 'y_float.npy');
    expect(() => arraysToSplit({ x: x(), y: yf, xFile: 'x.npy', yFile: 'y_float.npy' })).toThrow('y_float.npy: labels must be integers, got dtype f4');
    expect(() => arraysToSplit({ x: y(), y: y(), xFile: 'y.npy', yFile: 'y.npy' })).toThrow(/^y\.npy: images must be uint8 or float32/);
    const x2 = { ...x(), dtype: 'f4', shape: [200, 784], data: new Float32Array(200 * 784) };
    expect(() => arraysToSplit({ x: x2, y: y(), xFile: 'x.npy', yFile: 'y.npy' })).toThrow(
      'x.npy: images must have shape [N, C, H, W] or [N, C, L] (channels first, as PyTorch), got [200, 784]',
    );
    const { y: y4 } = readNpz(bytes('float32_nchw.npz'));
    expect(() => arraysToSplit({ x: x(), y: y4, xFile: 'x.npy', yFile: 'y4.npy' })).toThrow('y4.npy: has 4 labels but x.npy has 200 samples');
    const neg = { dtype: 'i4', shape: [200], data: new Int32Array(200).fill(-1) };
    expect(() => arraysToSplit({ x: x(), y: neg, xFile: 'x.npy', yFile: 'n.npy' })).toThrow('n.npy: label -1 at index 0 is outside 0..255');
  });
});
