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
 * Steps `auto`'s bias correction simulates for a target T: 2T, and at least 32. It splits each layer's
 * error as e(t) ≈ a + c/t from the means up to half of them and all of them; the persistent part a
 * stays in the bias at every T, so it must be the steady state: over 8 steps (T = 4) the fit takes
 * part of the start-up for a, and the limit as T → ∞ moves (Fashion ResNet, held-out validation:
 * θ for T=16, ½ charge over 8 steps falls from 87.7 % at T=8 to 85.4 % at T=200, ANN 88.7 %).
 */
export const biasCorrectionSteps = (T: number): number => Math.max(2 * T, 32);

/**
 * The readout delays k `auto` races (its choice `readout-delay`; `--readout-delay` replaces it): the output summed
 * from step k + 1, ŷ(t) = Σ_{s=k+1}^{t} out_s (the plain sum for t ≤ k). k = 0 is the default; 1 and 2 skip the
 * steps in which the deeper layers are still charging (on the Fashion ResNet's held-out validation images, θ for
 * T=16: k = 2 gives +3.4 points at T=4 and +0.3 at T=8, within ±0.15 at T ≥ 16).
 */
export const AUTO_READOUT_DELAYS = [0, 1, 2];

/**
 * What we recommend (`auto`), tuned for a simulation of about `T` steps: per-channel thresholds
 * that minimise the T-step expression error over the whole calibration set (4T with `long`),
 * V₀ = θ/2, sequential bias correction with potential calibration (each layer's error split into a
 * persistent part per step, corrected by the bias, and a start-up charge, half of which goes into
 * V₀ — measured over {@link biasCorrectionSteps}(T) = max(2T, 32) steps), and an accumulating
 * (non-spiking) output layer. Its `choices` are raced on validation data when `convert` is given
 * `validate` (scored at T/2, T, 2T and 8T from one run): the first option of each is the default,
 * which stays unless another is better beyond the noise on the same images (`makeChoices`).
 * Thresholds: for T or 4T (less clipping: thresholds tuned for a short T clip at every T), the
 * first the default (4T with `long`). Bias correction: the default's corrections fade as T grows
 * where they are start-up charge (V₀, ∝ 1/T), and its persistent part a is measured at steady state
 * and drives the IF neurons only for the N = max(2T, 32) steps it was measured over
 * (`fadeCorrection`): the same network up to step N, a·N/t after it, so that the large-T limit is
 * the uncorrected network's (the clipped ANN) instead of one moved by a — a fitted over 32 steps is
 * still partly transient. Chosen on that argument, not on accuracy: on 3,000 validation images of four
 * fixtures (tools/results/diag/large-t.ts) the fading and the persistent correction read alike
 * (T = 64, 100, 200 summed, fading minus persistent: +0.03, +0.33, −0.23, −0.36 points on
 * maxpool_relu, maxpool_dropout, maxpool_ceil, resnet_fashion), and identically up to N by construction.
 * Off is the challenger. Readout: summed from step 1 (the default), or from step 2 or 3 ({@link AUTO_READOUT_DELAYS}).
 * A start-up error corrected per step ("bias only over T", which
 * over-corrects at every longer run and so moves the large-T limit) is no option. `burst` = k > 1
 * (opt-in, `auto-burst`) lets each IF neuron fire up to k spikes per step, θ tuned for that (see
 * `targetTStrategy`): k·T levels in T steps, at the cost of more spikes (compare at equal SOPs).
 */
export function autoRecipe(T = 16, burst = 1, long = false): Recipe {
  const thresholds = (t: number) => ({ mode: { kind: 'targetT' as const, T: t, v0Fraction: 0.5, ...(burst > 1 ? { burst } : {}) } });
  const potential = (k: number) => ({ biasCorrection: true, potentialCalibration: k, biasCorrectionT: biasCorrectionSteps(T), fadeCorrection: true });
  const targets = long ? [4 * T, T] : [T, 4 * T];
  return {
    ...thresholds(targets[0]),
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
      { name: 'thresholds', options: targets.map((t) => ({ label: `T=${t}`, patch: thresholds(t) })) },
      {
        name: 'bias-correction',
        options: [
          { label: `on, ½ the start-up charge in V₀ (over ${biasCorrectionSteps(T)} steps, fading after them)`, patch: potential(0.5) },
          { label: 'off', patch: { biasCorrection: false, potentialCalibration: undefined, biasCorrectionT: undefined, fadeCorrection: undefined } },
        ],
      },
      {
        name: 'readout-delay',
        options: AUTO_READOUT_DELAYS.map((k) => ({ label: `from step ${k + 1}`, patch: { readoutDelay: k || undefined } })),
      },
    ],
  };
}

/**
 * `auto` tuned for the steps the user simulates: one SNN read at each T of `Ts` (simulated once,
 * for max(Ts) steps). It is {@link autoRecipe} for the shortest, T₀ = min(Ts) — thresholds for 4T₀
 * or T₀ (the default is 4T₀ when the list reaches 4T₀: most of its readings are long, and
 * thresholds tuned for T₀ clip at all of them; else T₀), bias correction with half the start-up charge in V₀ measured over
 * max(2T₀, 32) steps (the default) or off — with every candidate compared with the default image by image on the listed T
 * themselves, d_i = (1/|Ts|) Σ_{T ∈ Ts} (right_i(T) − right_i^default(T)), so the pick is the best SNN
 * for those readings beyond the noise (a long run in the list keeps a recipe that falls at large T
 * from winning) and a candidate's validation run is max(Ts) steps.
 *
 * @example autoForTimes([8, 16, 32]) // thresholds for 32 (the default) or 8, scored at 8, 16 and 32
 */
export function autoForTimes(Ts: readonly number[]): Recipe {
  if (!Ts.length) throw new RangeError('auto: name at least one T');
  const T0 = Math.min(...Ts);
  return { ...autoRecipe(T0, 1, Math.max(...Ts) >= 4 * T0), scoreTs: [...new Set(Ts)].sort((a, b) => a - b) };
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
