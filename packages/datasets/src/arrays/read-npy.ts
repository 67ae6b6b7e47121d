import { parse } from 'npyjs';
import { DataFormatError } from './error.js';

/** Typed arrays an `.npy` file can hold (npyjs' choice per dtype; int64 comes as BigInt64Array). */
export type NpyData =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

/** A numeric array read from an `.npy` file, always in C (row-major) order. */
export interface NpyArray {
  /** numpy's type code without the byte order: `u1`, `f4`, `i8`, … (`f2` arrives as float32 values). */
  dtype: string;
  shape: number[];
  data: NpyData;
}

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/** Fortran-order data (numpy's `fortran_order: True`, e.g. `np.save` of `x.T`) rearranged to C order. */
function toCOrder(data: NpyData, shape: number[]): NpyData {
  const out = new (data.constructor as new (n: number) => NpyData)(data.length);
  const idx = new Array<number>(shape.length).fill(0);
  for (let c = 0; c < data.length; c++) {
    let f = 0;
    for (let a = shape.length - 1; a >= 0; a--) f = f * shape[a] + idx[a];
    out[c] = data[f];
    for (let a = shape.length - 1; a >= 0 && ++idx[a] === shape[a]; a--) idx[a] = 0;
  }
  return out;
}

/**
 * Reads one `.npy` file (numpy's format 1.0–3.0: magic, a Python-dict header with `descr`,
 * `fortran_order`, `shape`, then the raw data). Decoding is npyjs' `parse`; this adds the checks a
 * user needs: element count = ∏ shape, numeric little-endian dtypes, Fortran order turned into C order.
 * Browser-safe.
 *
 * @throws DataFormatError naming `file`: not an .npy file, truncated, big-endian, object/string dtype
 * @example const { shape, dtype, data } = readNpy(new Uint8Array(await (await fetch('x.npy')).arrayBuffer()), 'x.npy');
 */
export function readNpy(bytes: Uint8Array, file = 'array.npy'): NpyArray {
  if (bytes.length < 10 || NPY_MAGIC.some((b, i) => bytes[i] !== b)) throw new DataFormatError(file, 'not an .npy file (no \\x93NUMPY magic)');
  let parsed: ReturnType<typeof parse>;
  try {
    // A fresh ArrayBuffer: npyjs takes views at offsets of its buffer, which must be aligned.
    parsed = parse(bytes.slice().buffer as ArrayBuffer);
  } catch (e) {
    const why = (e as Error).message;
    const hint = /dtype: >/.test(why) ? ' (big-endian: save with x.astype(x.dtype.newbyteorder("<")))' : '';
    throw new DataFormatError(file, `cannot decode the .npy data: ${why}${hint}`);
  }
  const { shape, dtype, fortranOrder } = parsed;
  const data = parsed.data as unknown;
  if (!ArrayBuffer.isView(data) || data instanceof DataView) throw new DataFormatError(file, `dtype ${dtype} is not numeric`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new DataFormatError(file, `bad shape (${shape.join(', ')}) in the header`);
  const values = data as NpyData;
  if (values.length < count) throw new DataFormatError(file, `truncated: shape (${shape.join(', ')}) needs ${count} values, the file has ${values.length}`);
  if (values.length > count) throw new DataFormatError(file, `has ${values.length} values but its shape (${shape.join(', ')}) says ${count}`);
  return { dtype, shape, data: fortranOrder && shape.length > 1 ? toCOrder(values, shape) : values };
}
