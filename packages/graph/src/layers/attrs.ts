// Readers for layer attributes: each returns a validated value or throws naming the attribute.

const fmt = (v: unknown) => JSON.stringify(v);

/** A pair of integers ≥ `min`; a single number `n` means `[n, n]`. */
export function pair(attrs: Readonly<Record<string, unknown>>, key: string, fallback: [number, number] | undefined, min = 1): [number, number] {
  const v = attrs[key] ?? fallback;
  if (v === undefined) throw new Error(`attribute ${key} is required`);
  const p = typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((d) => Number.isInteger(d) && d >= min)) {
    throw new Error(`attribute ${key} must be an integer ≥ ${min} or a pair of them, got ${fmt(v)}`);
  }
  return [p[0], p[1]];
}

/** Padding `[top, left, bottom, right]` of non-negative integers; a number pads every side. */
export function pads4(attrs: Readonly<Record<string, unknown>>, key = 'pads'): [number, number, number, number] {
  const v = attrs[key] ?? [0, 0, 0, 0];
  const p = typeof v === 'number' ? [v, v, v, v] : v;
  if (!Array.isArray(p) || p.length !== 4 || !p.every((d) => Number.isInteger(d) && d >= 0)) {
    throw new Error(`attribute ${key} must be [top, left, bottom, right] of integers ≥ 0, got ${fmt(v)}`);
  }
  return [p[0], p[1], p[2], p[3]];
}

/** A finite number (or ±Infinity when `allowInfinite`). */
export function num(attrs: Readonly<Record<string, unknown>>, key: string, fallback?: number, allowInfinite = false): number {
  const v = attrs[key] ?? fallback;
  if (typeof v !== 'number' || Number.isNaN(v) || (!allowInfinite && !Number.isFinite(v))) {
    throw new Error(`attribute ${key} must be a ${allowInfinite ? '' : 'finite '}number, got ${fmt(v)}`);
  }
  return v;
}

/** An integer ≥ `min`. */
export function int(attrs: Readonly<Record<string, unknown>>, key: string, fallback: number, min = 1): number {
  const v = attrs[key] ?? fallback;
  if (!Number.isInteger(v) || (v as number) < min) throw new Error(`attribute ${key} must be an integer ≥ ${min}, got ${fmt(v)}`);
  return v as number;
}

/** A boolean. */
export function bool(attrs: Readonly<Record<string, unknown>>, key: string, fallback: boolean): boolean {
  const v = attrs[key] ?? fallback;
  if (typeof v !== 'boolean') throw new Error(`attribute ${key} must be true or false, got ${fmt(v)}`);
  return v;
}

/** Asserts a rank (without batch) for an input; `what` names it in the message. */
export function expectRank(shape: readonly number[], rank: number, what: string): void {
  if (shape.length !== rank) throw new Error(`${what} must have rank ${rank} without batch, got [${shape.join(', ')}]`);
}

/** Output length of a sliding window: ⌊(n + pads − d·(k − 1) − 1) / s⌋ + 1. */
export function windowOut(n: number, k: number, s: number, padBefore: number, padAfter: number, d = 1): number {
  return Math.floor((n + padBefore + padAfter - d * (k - 1) - 1) / s) + 1;
}

/** Explicit NHWC padding for tfjs from `[top, left, bottom, right]`, or 'valid' when all are 0. */
export function tfPadding(p: readonly [number, number, number, number]): 'valid' | [[0, 0], [number, number], [number, number], [0, 0]] {
  const [t, l, b, r] = p;
  if (t === 0 && l === 0 && b === 0 && r === 0) return 'valid';
  return [
    [0, 0],
    [t, b],
    [l, r],
    [0, 0],
  ];
}
