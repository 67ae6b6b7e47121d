/**
 * A tensor held in plain JS memory while a model is imported. Handlers reorder weights on these
 * (no tfjs involved), so a model that fails half-way leaves no tfjs tensor behind; the graph's
 * tensors are created only once every node converted.
 */
export interface HostTensor {
  name: string;
  dims: number[];
  /** Floating types (float32, float16, bfloat16, double) become `float` (Float32Array); integer and bool types `int` (Float64Array, exact to 2^53). */
  kind: 'float' | 'int';
  data: Float32Array | Float64Array;
}

/** Number of elements of a shape (1 for a scalar). */
export const numel = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** Row-major strides of a shape. */
export function strides(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length);
  let acc = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= dims[i];
  }
  return s;
}

/**
 * Permutes the axes of a float tensor: output axis `i` is input axis `perm[i]` (numpy's transpose).
 * @example transposeHost(oihw, [2, 3, 1, 0]) // OIHW conv weights → HWIO
 */
export function transposeHost(t: HostTensor, perm: readonly number[]): HostTensor {
  const inStrides = strides(t.dims);
  const outDims = perm.map((p) => t.dims[p]);
  const permStrides = perm.map((p) => inStrides[p]);
  const out = new Float32Array(t.data.length);
  const rank = outDims.length;
  const idx = new Array<number>(rank).fill(0);
  let src = 0;
  for (let o = 0; o < out.length; o++) {
    out[o] = t.data[src];
    // odometer over the output index, keeping the source offset in step
    for (let a = rank - 1; a >= 0; a--) {
      idx[a]++;
      src += permStrides[a];
      if (idx[a] < outDims[a]) break;
      src -= permStrides[a] * outDims[a];
      idx[a] = 0;
    }
  }
  return { name: t.name, dims: outDims, kind: 'float', data: out };
}

/** A float tensor from values (copied into a Float32Array). */
export const hostFloat = (name: string, dims: number[], data: ArrayLike<number>): HostTensor => ({
  name,
  dims,
  kind: 'float',
  data: Float32Array.from(data),
});
