import { describe, expect, it } from 'vitest';
import { hostFloat, numel, transposeHost } from './host-tensor.js';

describe('transposeHost', () => {
  it('moves OIHW conv weights to HWIO: out[h, w, i, o] = in[o, i, h, w]', () => {
    const dims = [4, 3, 2, 5];
    const t = hostFloat(
      'w',
      dims,
      Array.from({ length: numel(dims) }, (_, k) => k),
    );
    const r = transposeHost(t, [2, 3, 1, 0]);
    expect(r.dims).toEqual([2, 5, 3, 4]);
    for (let o = 0; o < 4; o++)
      for (let i = 0; i < 3; i++)
        for (let h = 0; h < 2; h++) for (let w = 0; w < 5; w++) expect(r.data[((h * 5 + w) * 3 + i) * 4 + o]).toBe(((o * 3 + i) * 2 + h) * 5 + w);
  });

  it('transposes a matrix', () => {
    const r = transposeHost(hostFloat('m', [2, 3], [1, 2, 3, 4, 5, 6]), [1, 0]);
    expect(r.dims).toEqual([3, 2]);
    expect(Array.from(r.data)).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
