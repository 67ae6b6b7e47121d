import { createRegistry } from '@snn/core';
import { maxStrategy } from './max.js';
import { percentileStrategy } from './percentile.js';
import { scaleStrategy } from './scale.js';
import { targetTStrategy } from './target-t.js';
import type { NormMode, NormStrategy } from './types.js';

const strategies = createRegistry<NormStrategy>('normalisation kind');

/** Adds a normalisation strategy under its `kind`. */
export function registerNormStrategy(s: NormStrategy<never>): void {
  strategies.set(s.kind, s as unknown as NormStrategy);
}

/** The strategy for a mode, its options checked. */
export function normStrategy(mode: NormMode): NormStrategy {
  const s = strategies.get(mode.kind);
  s.validate(mode);
  return s;
}

for (const s of [maxStrategy, percentileStrategy, scaleStrategy, targetTStrategy]) registerNormStrategy(s as NormStrategy<never>);

export type { NormMode, NormStrategy } from './types.js';
