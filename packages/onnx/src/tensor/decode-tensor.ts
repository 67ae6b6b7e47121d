import { OnnxImportError } from '../errors.js';
import { toSafeInt } from '../proto/int64.js';
import { DATA_LOCATION_EXTERNAL, DataType } from '../proto/schema.js';
import type { RawTensor } from '../proto/types.js';
import { bfloat16ToFloat, halfToFloat } from './float16.js';
import type { HostTensor } from './host-tensor.js';

/** Where an external-data tensor says its bytes are (the keys of `TensorProto.external_data`). */
export interface ExternalDataRef {
  tensor: string;
  location: string;
  offset: number;
  /** Absent: to the end of the file. */
  length?: number;
}

/** Reads external tensor data; the Node entry supplies one that only reads from the model's own directory. */
export type ExternalDataReader = (ref: ExternalDataRef) => Uint8Array;

export interface TensorDecodeOptions {
  /** Largest element count accepted for one tensor (checked before anything is allocated). */
  maxElements: number;
  readExternal?: ExternalDataReader;
}

type Reader = (v: DataView, byte: number) => number;
const le = true;
/** Per data type: float or int, bytes per element in raw_data, raw reader, and which typed field holds it otherwise. */
const TYPES: Record<number, { kind: 'float' | 'int'; size: number; raw: Reader; field: keyof RawTensor; map?: (x: number) => number }> = {
  [DataType.FLOAT]: { kind: 'float', size: 4, raw: (v, b) => v.getFloat32(b, le), field: 'floatData' },
  [DataType.DOUBLE]: { kind: 'float', size: 8, raw: (v, b) => v.getFloat64(b, le), field: 'doubleData' },
  [DataType.FLOAT16]: { kind: 'float', size: 2, raw: (v, b) => halfToFloat(v.getUint16(b, le)), field: 'int32Data', map: halfToFloat },
  [DataType.BFLOAT16]: { kind: 'float', size: 2, raw: (v, b) => bfloat16ToFloat(v.getUint16(b, le)), field: 'int32Data', map: bfloat16ToFloat },
  [DataType.INT8]: { kind: 'int', size: 1, raw: (v, b) => v.getInt8(b), field: 'int32Data' },
  [DataType.UINT8]: { kind: 'int', size: 1, raw: (v, b) => v.getUint8(b), field: 'int32Data' },
  [DataType.BOOL]: { kind: 'int', size: 1, raw: (v, b) => (v.getUint8(b) ? 1 : 0), field: 'int32Data' },
  [DataType.INT16]: { kind: 'int', size: 2, raw: (v, b) => v.getInt16(b, le), field: 'int32Data' },
  [DataType.UINT16]: { kind: 'int', size: 2, raw: (v, b) => v.getUint16(b, le), field: 'int32Data' },
  [DataType.INT32]: { kind: 'int', size: 4, raw: (v, b) => v.getInt32(b, le), field: 'int32Data' },
  [DataType.UINT32]: { kind: 'int', size: 4, raw: (v, b) => v.getUint32(b, le), field: 'uint64Data' },
  [DataType.INT64]: { kind: 'int', size: 8, raw: (v, b) => bigToSafe(v.getBigInt64(b, le)), field: 'int64Data' },
  [DataType.UINT64]: { kind: 'int', size: 8, raw: (v, b) => bigToSafe(v.getBigUint64(b, le)), field: 'uint64Data' },
};

const bigToSafe = (x: bigint): number => {
  const n = Number(x);
  if (!Number.isSafeInteger(n)) throw new OnnxImportError('tensor', `an int64 value (${x}) is outside the safe integer range`);
  return n;
};

/**
 * Validates a TensorProto and converts its data to a {@link HostTensor}: `raw_data` read
 * little-endian, or the typed field for its type; float16/bfloat16/double become float32.
 * Sizes are checked before allocation: the element count against `maxElements`, and the data's
 * length against the declared dims. External data is refused unless a reader is given.
 */
export function decodeTensor(t: RawTensor, opts: TensorDecodeOptions): HostTensor {
  try {
    return decode(t, opts);
  } catch (e) {
    if (e instanceof OnnxImportError && e.where.tensor === undefined) throw OnnxImportError.locate(e, { tensor: t.name });
    throw e;
  }
}

function decode(t: RawTensor, opts: TensorDecodeOptions): HostTensor {
  const where = { tensor: t.name };
  const fail = (msg: string, code: 'tensor' | 'external-data' = 'tensor') => new OnnxImportError(code, msg, where);
  const spec = TYPES[t.dataType];
  if (!spec) throw fail(`data type ${dataTypeName(t.dataType)} is not supported (float, float16, bfloat16, double and integer types are)`);
  let n = 1;
  for (const d of t.dims) {
    if (!Number.isInteger(d) || d < 0) throw fail(`has an invalid dimension ${d} in dims [${t.dims.join(', ')}]`);
    n *= d;
    if (n > opts.maxElements) throw fail(`declares dims [${t.dims.join(', ')}], more than the limit of ${opts.maxElements} elements`);
  }
  let raw = t.rawData;
  if (t.dataLocation === DATA_LOCATION_EXTERNAL || t.externalData.length > 0) raw = readExternal(t, n * spec.size, opts, fail);
  const out = spec.kind === 'float' ? new Float32Array(0) : new Float64Array(0);
  const Ctor = out.constructor as Float32ArrayConstructor | Float64ArrayConstructor;
  if (raw && raw.length > 0) {
    if (raw.length !== n * spec.size)
      throw fail(`has ${raw.length} bytes of raw_data but dims [${t.dims.join(', ')}] of ${dataTypeName(t.dataType)} need ${n * spec.size}`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const data = new Ctor(n);
    for (let i = 0; i < n; i++) data[i] = spec.raw(view, i * spec.size);
    return { name: t.name, dims: t.dims, kind: spec.kind, data };
  }
  const typed = t[spec.field] as ArrayLike<unknown>;
  if (typed.length !== n) {
    const what = typed.length === 0 ? 'no data' : `${typed.length} values in ${String(spec.field)}`;
    throw fail(`has ${what} but dims [${t.dims.join(', ')}] need ${n}`);
  }
  const data = new Ctor(n);
  const map = spec.map;
  for (let i = 0; i < n; i++) {
    const v = typed[i];
    const x = typeof v === 'number' ? v : toSafeInt(v, `a value of tensor '${t.name}'`);
    data[i] = map ? map(x) : x;
  }
  return { name: t.name, dims: t.dims, kind: spec.kind, data };
}

function readExternal(t: RawTensor, expected: number, opts: TensorDecodeOptions, fail: (m: string, c?: 'external-data') => OnnxImportError): Uint8Array {
  const kv = new Map(t.externalData.map((e) => [e.key, e.value]));
  const location = kv.get('location');
  if (!location) throw fail('stores its data externally but names no location', 'external-data');
  if (!opts.readExternal)
    throw fail(
      `stores its data in an external file '${location}', which importOnnx(bytes) cannot read: import from the file path in Node, or save the model with its data inside (onnx.save_model(model, path, save_as_external_data=False))`,
      'external-data',
    );
  const offset = kv.has('offset') ? Number(kv.get('offset')) : 0;
  const length = kv.has('length') ? Number(kv.get('length')) : undefined;
  if (!Number.isSafeInteger(offset) || offset < 0 || (length !== undefined && (!Number.isSafeInteger(length) || length < 0)))
    throw fail(`has an invalid external-data offset/length (${kv.get('offset')}, ${kv.get('length')})`, 'external-data');
  if (length !== undefined && length !== expected) throw fail(`declares ${length} bytes of external data but its dims need ${expected}`, 'external-data');
  return opts.readExternal({ tensor: t.name, location, offset, length: length ?? expected });
}

/** The TensorProto.DataType name of a code, e.g. `FLOAT16`. */
export function dataTypeName(code: number): string {
  const hit = Object.entries(DataType).find(([, v]) => v === code);
  return hit ? hit[0] : `unknown (${code})`;
}
