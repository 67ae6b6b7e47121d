import { parseMode, type Recipe } from '@snn/converter';
import { UserError } from './errors.js';

/** Parses `--T 8,16,32` into sorted distinct positive integers. */
export function parseTimeSteps(text: string | undefined, fallback: number[]): number[] {
  if (text === undefined) return fallback;
  const ts = text.split(',').map((s) => Number(s.trim()));
  const bad = ts.find((t) => !(Number.isInteger(t) && t > 0 && t <= 100_000));
  if (bad !== undefined || ts.length === 0) throw new UserError(`--T ${text}: expected comma-separated positive integers such as 8,16,32`);
  return [...new Set(ts)].sort((a, b) => a - b);
}

/** Parses a positive integer option, naming it on error. */
export function positiveInt(name: string, text: string | undefined, fallback?: number): number | undefined {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!(Number.isInteger(v) && v > 0)) throw new UserError(`--${name} ${text}: expected a positive integer`);
  return v;
}

/** Parses a `--mode` value into a recipe; a bad one is a user error naming it. */
export function modeOption(text: string): Recipe {
  try {
    return parseMode(text);
  } catch (e) {
    throw new UserError(`--mode ${(e as Error).message}`);
  }
}
