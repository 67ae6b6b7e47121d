import { readFileSync } from 'node:fs';
import { fileErrorText } from '@snn/core';
import { UserError } from './errors.js';

/** A tensor as the CLI reads and writes it: PyTorch's layout (NCHW or `[N, F]`), values flat in row-major order. */
export interface TensorJson {
  shape: number[];
  data: number[];
}

/**
 * Reads and checks `{"shape": [...], "data": [...]}` from a file: positive integer dims, finite
 * numbers, as many as the shape holds. Every problem is a {@link UserError} that names the file.
 */
export function readTensorJson(path: string): TensorJson {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`${path}: ${fileErrorText(e)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  return checkTensorJson(value, path);
}

/** Validates a parsed value as a {@link TensorJson}; `where` names it in errors. */
export function checkTensorJson(value: unknown, where: string): TensorJson {
  const v = value as Partial<TensorJson> | null;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new UserError(`${where}: expected an object {"shape": [...], "data": [...]}`);
  const { shape, data } = v;
  if (!Array.isArray(shape) || shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d > 0))
    throw new UserError(`${where}: "shape" must be a non-empty array of positive integers, got ${JSON.stringify(shape)}`);
  if (!Array.isArray(data)) throw new UserError(`${where}: "data" must be a flat array of numbers`);
  const need = shape.reduce((a, b) => a * b, 1);
  if (data.length !== need) throw new UserError(`${where}: "data" has ${data.length} values but "shape" [${shape.join(', ')}] needs ${need}`);
  const bad = data.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
  if (bad >= 0) throw new UserError(`${where}: "data"[${bad}] is ${JSON.stringify(data[bad])}, not a finite number`);
  return { shape, data };
}

/** The JSON text of a tensor (one line; float32 values written exactly). */
export function tensorJson(t: TensorJson): string {
  return `${JSON.stringify({ shape: t.shape, data: t.data })}\n`;
}
