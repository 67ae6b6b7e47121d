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
 * Calibration images `auto` reads (the first of the data): exact per-channel histograms of 2,000
 * images hold ≥ 18,000 values per channel even for a 3×3 map, and the ANN pass over more costs more
 * than the rest of the search (7,196 MNIST images: 2.5 of 5.4 CPU-s, the histograms the rest).
 */
export const AUTO_CALIBRATION_SAMPLES = 2000;

/**
 * What we recommend (`auto`), tuned for a simulation of about `T` steps: per-channel thresholds
 * that minimise the T-step expression error over the whole calibration set, V₀ = θ/2, sequential
 * bias correction with potential calibration (each layer's error split into a persistent part per
 * step, corrected by the bias, and a start-up charge, half of which goes into V₀ — measured over 2T
 * steps at T and 2T), and an accumulating (non-spiking) output layer. Its `choices` are a search,
 * scored on validation data when `convert` is given `validate` (mean accuracy at T/2, T, 2T and
 * 8T from one run, so that a recipe that loses accuracy as T grows cannot win): thresholds tuned
 * for T or for 4T (less clipping, what longer runs need); bias correction with half the start-up
 * charge in V₀, the bias alone measured over T steps (a start-up error corrected per step, which
 * over-corrects at large T), or off. (All of the charge in V₀ never won on validation: it
 * overshoots at small T, before the upstream deficit has built up.) `burst` = k > 1 (opt-in, `auto-burst`) lets each IF
 * neuron fire up to k spikes per step, θ tuned for that (see `targetTStrategy`): k·T levels in T
 * steps, at the cost of more spikes (compare at equal SOPs in the report).
 */
export function autoRecipe(T = 16, burst = 1): Recipe {
  const thresholds = (t: number) => ({ mode: { kind: 'targetT' as const, T: t, v0Fraction: 0.5, ...(burst > 1 ? { burst } : {}) } });
  const potential = (k: number) => ({ biasCorrection: true, potentialCalibration: k, biasCorrectionT: 2 * T });
  return {
    ...thresholds(T),
    ...(burst > 1 ? { maxSpikes: burst } : {}),
    statistics: 'exact',
    calibrationSamples: AUTO_CALIBRATION_SAMPLES,
    channelWise: true,
    v0Fraction: 0.5,
    outputLayer: 'accumulate',
    ...potential(0.5),
    targetT: T,
    scoreTs: [...new Set([Math.max(1, Math.round(T / 2)), T, 2 * T, 8 * T])],
    choices: [
      {
        name: 'thresholds',
        options: [
          { label: `T=${T}`, patch: thresholds(T) },
          { label: `T=${4 * T}`, patch: thresholds(4 * T) },
        ],
      },
      {
        name: 'bias-correction',
        options: [
          { label: `on, ½ the start-up charge in V₀ (over ${2 * T} steps)`, patch: potential(0.5) },
          { label: `on, bias only (over ${T} steps)`, patch: { biasCorrection: true, potentialCalibration: undefined, biasCorrectionT: undefined } },
          { label: 'off', patch: { biasCorrection: false, potentialCalibration: undefined, biasCorrectionT: undefined } },
        ],
      },
    ],
  };
}

/**
 * `auto` tuned for the steps the user simulates: one SNN read at each T of `Ts` (simulated once,
 * for max(Ts) steps). It is {@link autoRecipe} for the shortest, T₀ = min(Ts) — thresholds for T₀ or
 * 4T₀, bias correction measured over 2T₀ or T₀, or off — with every candidate scored by its mean
 * validation accuracy over the listed T themselves,  score = (1/|Ts|) Σ_{T ∈ Ts} acc(T),  so the
 * pick is the best SNN for those readings (a long run in the list keeps a recipe that falls at
 * large T from winning) and a candidate's validation run is max(Ts) steps.
 *
 * @example autoForTimes([8, 16, 32]) // thresholds for 8 or 32, scored at 8, 16 and 32
 */
export function autoForTimes(Ts: readonly number[]): Recipe {
  if (!Ts.length) throw new RangeError('auto: name at least one T');
  return { ...autoRecipe(Math.min(...Ts)), scoreTs: [...new Set(Ts)].sort((a, b) => a - b) };
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
  ['auto-burst', () => autoRecipe(16, 2)],
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
 * fraction (`0.5`, `1/3`), `auto` / `auto@T` (tuned for T steps), or a named recipe. With `T` (the
 * steps the SNN will be read at), `auto` is {@link autoForTimes}(T); without, `auto@16`.
 *
 * @example parseMode('99.9%') // SpikingJelly recipe with { kind: 'percentile', p: 99.9 }
 */
export function parseMode(text: string, opts: { T?: readonly number[] } = {}): Recipe {
  const s = text.trim();
  if (s.toLowerCase() === 'max') return spikingJellyRecipe({ kind: 'max' });
  if (s === 'auto' && opts.T?.length) return autoForTimes(opts.T);
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
