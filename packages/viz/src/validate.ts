import { InputError } from '@snn/core';

/** A plot input is missing, of the wrong shape or not a finite number; `param` names which one. */
export class VizInputError extends InputError {
  override readonly name = 'VizInputError';
}

const looksLikeTensor = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as { dataSync?: unknown }).dataSync === 'function';

function notArray(param: string, v: unknown, what: string): never {
  if (looksLikeTensor(v)) throw new VizInputError(param, `pass plain arrays, not tensors (e.g. await tensor.array()); expected ${what}`);
  throw new VizInputError(param, `expected ${what} (got ${v === null ? 'null' : typeof v})`);
}

/** Checks `v` is an array of finite numbers (typed arrays allowed); returns it as number[]. */
export function checkNumbers(param: string, v: unknown, opts: { minLength?: number; length?: number } = {}): number[] {
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) notArray(param, v, 'an array of numbers');
  const a = Array.from(v as ArrayLike<number>);
  if (opts.length !== undefined && a.length !== opts.length) throw new VizInputError(param, `has ${a.length} values, expected ${opts.length}`);
  if (a.length < (opts.minLength ?? 0)) throw new VizInputError(param, `needs at least ${opts.minLength} value(s) (got ${a.length})`);
  a.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new VizInputError(`${param}[${i}]`, `must be a finite number (got ${String(x)})`);
  });
  return a;
}

/** Checks `m` is a non-empty rectangular [rows][cols] array of finite numbers. */
export function checkMatrix(param: string, m: unknown, shape = '[rows][cols]'): number[][] {
  if (!Array.isArray(m)) notArray(param, m, `a ${shape} array of numbers`);
  if (m.length === 0) throw new VizInputError(param, `is empty; expected a ${shape} array of numbers`);
  const rows = m.map((row, r) => checkNumbers(`${param}[${r}]`, row, { minLength: 1 }));
  const cols = rows[0].length;
  rows.forEach((row, r) => {
    if (row.length !== cols) throw new VizInputError(param, `is not rectangular: row ${r} has ${row.length} values, row 0 has ${cols} (expected ${shape})`);
  });
  return rows;
}

/** Checks an optional positive size in pixels. */
export function checkSize(param: string, v: number | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new VizInputError(param, `must be a positive number of pixels (got ${String(v)})`);
  return v;
}
