import { createRegistry } from '@snn/core';
import type { NormMode } from './normalization/index.js';
import type { MaxPoolRecipe } from './passes/spiking-max-pool.js';
import type { Recipe } from './recipe.js';

/** SpikingJelly's Converter(mode, momentum=0.1, fuse_flag=True): per-batch EMA statistics, IF output layer, V₀ = 0. */
export function spikingJellyRecipe(mode: NormMode): Recipe {
  return { mode, statistics: 'spikingjelly', momentum: 0.1, channelWise: false, v0Fraction: 0, outputLayer: 'if', maxPool: SPIKINGJELLY_MAX_POOL };
}

/** SpikingJelly HEAD's `pre_spike_maxpool`: every MaxPool ahead of its ReLU, even behind spiking layers. */
const SPIKINGJELLY_MAX_POOL: MaxPoolRecipe = { rule: 'pre-spike' };

/**
 * What we recommend (`auto`), tuned for a simulation of about `T` steps: thresholds that minimise
 * the T-step expression error per channel over the whole calibration set, V₀ = θ/2, sequential
 * calibration with bias correction, and an accumulating (non-spiking) output layer. Its `choices`
 * (bias correction on or off) are scored on validation data when `convert` is given `validate`.
 */
export function autoRecipe(T = 16): Recipe {
  return {
    mode: { kind: 'targetT', T, v0Fraction: 0.5 },
    statistics: 'exact',
    channelWise: true,
    v0Fraction: 0.5,
    outputLayer: 'accumulate',
    biasCorrection: true,
    targetT: T,
    choices: [
      {
        name: 'bias-correction',
        options: [
          { label: 'on', patch: { biasCorrection: true } },
          { label: 'off', patch: { biasCorrection: false } },
        ],
      },
    ],
  };
}

/**
 * For QCFS-trained networks: every QCFS node becomes IF with θ = λ, V₀ = θ/2 (no calibration);
 * ReLUs, if any, are calibrated to their maximum with V₀ = θ/2; the output layer accumulates.
 */
export function qcfsRecipe(): Recipe {
  return { mode: { kind: 'max' }, statistics: 'exact', channelWise: false, v0Fraction: 0.5, outputLayer: 'accumulate' };
}

const named = createRegistry<() => Recipe>('recipe', [
  ['auto', () => autoRecipe()],
  ['spikingjelly-max', () => spikingJellyRecipe({ kind: 'max' })],
  ['robust', () => ({ ...spikingJellyRecipe({ kind: 'percentile', p: 99.9 }), statistics: 'exact' })],
  ['robust-halfv0', () => ({ ...spikingJellyRecipe({ kind: 'percentile', p: 99.9 }), statistics: 'exact', v0Fraction: 0.5, outputLayer: 'accumulate' })],
  ['qcfs', qcfsRecipe],
]);

/** Adds a named recipe usable as `--mode NAME`. */
export function registerRecipe(name: string, make: () => Recipe): void {
  named.set(name, make);
}

/** Names usable as `--mode NAME` (built-in and {@link registerRecipe}ed), in registration order. */
export function recipeNames(): string[] {
  return named.keys();
}

/**
 * Parses a mode as users write it: `max`, `P%` (e.g. `99.9%`), a scale in (0, 1] as a float or a
 * fraction (`0.5`, `1/3`), `auto` / `auto@T` (tuned for T steps), or a named recipe.
 *
 * @example parseMode('99.9%') // SpikingJelly recipe with { kind: 'percentile', p: 99.9 }
 */
export function parseMode(text: string): Recipe {
  const s = text.trim();
  if (s.toLowerCase() === 'max') return spikingJellyRecipe({ kind: 'max' });
  const auto = /^auto@(\d+)$/.exec(s);
  if (auto) {
    const T = Number(auto[1]);
    if (!(T >= 1 && T <= 100_000)) throw new RangeError(`mode '${text}': auto@T needs T a whole number of steps in [1, 100000]`);
    return autoRecipe(T);
  }
  const make = named.find(s);
  if (make) return make();
  if (s.endsWith('%')) {
    const p = Number(s.slice(0, -1));
    if (!(p > 0 && p <= 100)) throw new RangeError(`mode '${text}': a percentile must be in (0, 100]%`);
    return spikingJellyRecipe({ kind: 'percentile', p });
  }
  const frac = /^(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(s);
  const value = frac ? Number(frac[1]) / Number(frac[2]) : /^\d*\.?\d+(e-?\d+)?$/i.test(s) ? Number(s) : Number.NaN;
  if (Number.isFinite(value)) {
    if (!(value > 0 && value <= 1)) {
      const hint = value >= 50 && value <= 100 && !frac ? `; did you mean ${s}%?` : '';
      throw new RangeError(`mode '${text}': a scale must be in (0, 1]${hint}`);
    }
    return spikingJellyRecipe({ kind: 'scale', s: value });
  }
  const others = recipeNames().filter((n) => n !== 'auto');
  throw new RangeError(
    `mode '${text}': unknown; use max, P% (e.g. 99.9%), a scale in (0, 1] (e.g. 0.5 or 1/2), auto, auto@T${others.length ? `, or a named recipe: ${others.join(', ')}` : ''}`,
  );
}
