import { OnnxImportError } from '../errors.js';

/** A protobufjs int64 value: a number, or a Long-like object when the `long` package is present. */
interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}

/**
 * Converts a protobufjs int64/uint64 value to a JS number, refusing anything outside ±2^53 — no
 * shape, index or attribute in a model this importer can run needs more.
 */
export function toSafeInt(v: unknown, what: string): number {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'bigint') n = Number(v);
  else if (typeof v === 'string') n = Number(v);
  else if (v !== null && typeof v === 'object' && 'low' in v && 'high' in v) {
    const l = v as LongLike;
    const high = l.unsigned ? l.high >>> 0 : l.high | 0;
    n = high * 4294967296 + (l.low >>> 0);
    // Outside 2^53 the sum above is no longer exact; the check below refuses it.
  } else throw new OnnxImportError('decode', `${what} is not an integer`);
  if (!Number.isSafeInteger(n)) throw new OnnxImportError('decode', `${what} (${String(n)}) is outside the safe integer range`);
  return n;
}

/** {@link toSafeInt} over a repeated field. */
export function toSafeInts(vs: ArrayLike<unknown> | undefined, what: string): number[] {
  const out: number[] = [];
  if (!vs) return out;
  for (let i = 0; i < vs.length; i++) out.push(toSafeInt(vs[i], what));
  return out;
}
