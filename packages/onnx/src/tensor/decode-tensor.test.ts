import { describe, expect, it } from 'vitest';
import { OnnxImportError } from '../errors.js';
import { DataType } from '../proto/schema.js';
import type { RawTensor } from '../proto/types.js';
import { decodeTensor } from './decode-tensor.js';

const raw = (over: Partial<RawTensor>): RawTensor => ({
  name: 't',
  dims: [],
  dataType: DataType.FLOAT,
  floatData: [],
  int32Data: [],
  int64Data: [],
  doubleData: [],
  uint64Data: [],
  stringData: [],
  rawData: new Uint8Array(0),
  externalData: [],
  dataLocation: 0,
  ...over,
});
const opts = { maxElements: 1000 };
const bytesOf = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

describe('decodeTensor', () => {
  it('reads float32 raw_data little-endian, even at an odd byte offset', () => {
    const buf = new Uint8Array(1 + 8);
    const dv = new DataView(buf.buffer);
    dv.setFloat32(1, 1.5, true);
    dv.setFloat32(5, -2.25, true);
    const t = decodeTensor(raw({ dims: [2], rawData: buf.subarray(1) }), opts);
    expect(t).toMatchObject({ kind: 'float', dims: [2] });
    expect(Array.from(t.data)).toEqual([1.5, -2.25]);
  });

  it('reads the typed fields: float_data, double_data, int64_data, int32_data', () => {
    expect(Array.from(decodeTensor(raw({ dims: [2], floatData: [1, 2] }), opts).data)).toEqual([1, 2]);
    expect(Array.from(decodeTensor(raw({ dims: [1], dataType: DataType.DOUBLE, doubleData: [0.1] }), opts).data)).toEqual([Math.fround(0.1)]);
    const i64 = decodeTensor(raw({ dims: [3], dataType: DataType.INT64, int64Data: [-1, 7, { low: 5, high: 0 }] }), opts);
    expect(i64.kind).toBe('int');
    expect(Array.from(i64.data)).toEqual([-1, 7, 5]);
    expect(Array.from(decodeTensor(raw({ dims: [2], dataType: DataType.INT8, int32Data: [-3, 4] }), opts).data)).toEqual([-3, 4]);
  });

  it('converts float16 (raw and int32_data bits), bfloat16 and float64 raw data to float32', () => {
    const half = bytesOf(Uint16Array.of(0x3c00, 0xc000, 0x3555, 0x0001));
    expect(Array.from(decodeTensor(raw({ dims: [4], dataType: DataType.FLOAT16, rawData: half }), opts).data)).toEqual([
      1,
      -2,
      Math.fround(0.333251953125),
      Math.fround(2 ** -24),
    ]);
    expect(Array.from(decodeTensor(raw({ dims: [1], dataType: DataType.FLOAT16, int32Data: [0x7bff] }), opts).data)).toEqual([65504]);
    expect(Array.from(decodeTensor(raw({ dims: [1], dataType: DataType.BFLOAT16, int32Data: [0x3fc0] }), opts).data)).toEqual([1.5]);
    expect(Array.from(decodeTensor(raw({ dims: [1], dataType: DataType.DOUBLE, rawData: bytesOf(Float64Array.of(-3.5)) }), opts).data)).toEqual([-3.5]);
    const i64 = decodeTensor(raw({ dims: [2], dataType: DataType.INT64, rawData: bytesOf(BigInt64Array.of(-1n, 123n)) }), opts);
    expect(Array.from(i64.data)).toEqual([-1, 123]);
  });

  const failsWith = (t: Partial<RawTensor>, re: RegExp, code = 'tensor') => {
    const e = (() => {
      try {
        decodeTensor(raw(t), opts);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(OnnxImportError);
    expect((e as OnnxImportError).code).toBe(code);
    expect((e as Error).message).toMatch(re);
    expect((e as Error).message).toMatch(/\[tensor t\]$/);
  };

  it('refuses data whose size does not match the dims', () => {
    failsWith({ dims: [3], rawData: new Uint8Array(8) }, /has 8 bytes of raw_data but dims \[3\] of FLOAT need 12/);
    failsWith({ dims: [3], floatData: [1, 2] }, /has 2 values in floatData but dims \[3\] need 3/);
    failsWith({ dims: [2, 2] }, /has no data but dims \[2, 2\] need 4/);
  });

  it('refuses sizes above the limit before allocating, and invalid dims', () => {
    failsWith({ dims: [1e6, 1e6, 1e6] }, /declares dims \[1000000, 1000000, 1000000\], more than the limit of 1000 elements/);
    failsWith({ dims: [2, -1] }, /invalid dimension -1/);
  });

  it('refuses unsupported types and an int64 beyond 2^53', () => {
    failsWith({ dims: [1], dataType: DataType.STRING }, /data type STRING is not supported/);
    failsWith({ dims: [1], dataType: DataType.INT64, rawData: bytesOf(BigInt64Array.of(2n ** 60n)) }, /outside the safe integer range/);
  });

  it('refuses external data without a reader, and reads it through one', () => {
    const ext = { dims: [2], dataLocation: 1, externalData: [{ key: 'location', value: 'w.bin' }] };
    failsWith(ext, /external file 'w.bin', which importOnnx\(bytes\) cannot read/, 'external-data');
    const seen: unknown[] = [];
    const t = decodeTensor(raw(ext), {
      maxElements: 10,
      readExternal: (ref) => {
        seen.push(ref);
        return bytesOf(Float32Array.of(3, 4));
      },
    });
    expect(Array.from(t.data)).toEqual([3, 4]);
    expect(seen).toEqual([{ tensor: 't', location: 'w.bin', offset: 0, length: 8 }]);
  });
});
