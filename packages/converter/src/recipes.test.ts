import { describe, expect, it } from 'vitest';
import { validateRecipe } from './recipe.js';
import { autoForTimes, autoRecipe, parseMode } from './recipes.js';

describe('parseMode', () => {
  it('reads the tutorial modes as SpikingJelly recipes', () => {
    expect(parseMode('max').mode).toEqual({ kind: 'max' });
    expect(parseMode('99.9%')).toMatchObject({
      mode: { kind: 'percentile', p: 99.9 },
      statistics: 'spikingjelly',
      momentum: 0.1,
      outputLayer: 'if',
      v0Fraction: 0,
    });
    expect(parseMode('0.5').mode).toEqual({ kind: 'scale', s: 0.5 });
    expect(parseMode('1/3').mode).toEqual({ kind: 'scale', s: 1 / 3 });
    expect(parseMode(' 1 ').mode).toEqual({ kind: 'scale', s: 1 });
  });

  it('reads auto and auto@T', () => {
    expect(parseMode('auto')).toEqual(autoRecipe(16));
    expect(parseMode('auto@8').mode).toEqual({ kind: 'targetT', T: 8, v0Fraction: 0.5 });
    expect(parseMode('auto@8').choices?.[0].options.map((o) => o.label)).toEqual(['T=8', 'T=32']); // auto@T: the user's T first
  });

  it('tunes auto for the T the SNN is read at: the shortest, scored at each listed T', () => {
    const r = parseMode('auto', { T: [32, 8, 16, 8] });
    expect(r).toEqual(autoForTimes([8, 16, 32]));
    expect(r.targetT).toBe(8);
    expect(r.scoreTs).toEqual([8, 16, 32]);
    // the defaults: thresholds for 4T₀ (the less clipping first), ½ the start-up charge in V₀ over 2T₀; challengers T₀ and off
    expect(r.mode).toEqual({ kind: 'targetT', T: 32, v0Fraction: 0.5 });
    expect(r.biasCorrectionT).toBe(32); // max(2T₀, 32)
    expect(r.choices?.map((c) => c.options.map((o) => o.label))).toEqual([
      ['T=32', 'T=8'],
      ['on, ½ the start-up charge in V₀ (over 32 steps, fading after them)', 'off'],
      ['from step 1', 'from step 2', 'from step 3'],
    ]);
    expect(r.choices?.[2].options.map((o) => o.patch)).toEqual([{ readoutDelay: undefined }, { readoutDelay: 1 }, { readoutDelay: 2 }]);
    // a list that does not reach 4T₀: thresholds for T₀ first
    expect(autoForTimes([4, 8]).choices?.[0].options.map((o) => o.label)).toEqual(['T=4', 'T=16']);
    // explicit auto@T and a T-less auto keep their own tuning
    expect(parseMode('auto@8', { T: [4, 200] }).scoreTs).toEqual([4, 8, 16, 64]);
    expect(parseMode('auto', { T: [] })).toEqual(autoRecipe(16));
    expect(() => autoForTimes([])).toThrow('auto: name at least one T');
  });

  it('refuses what it cannot honour, naming the mode', () => {
    expect(() => parseMode('1.5')).toThrow(/mode '1.5': a scale must be in \(0, 1\]/);
    expect(() => parseMode('0')).toThrow(/a scale must be in/);
    expect(() => parseMode('150%')).toThrow(/percentile must be in/);
    // auto once, then the other named recipes
    expect(() => parseMode('median')).toThrow(
      /^mode 'median': unknown; use max, P% .*, auto, auto@T, or a named recipe: auto-burst, spikingjelly-max, robust, robust-halfv0, qcfs/,
    );
    expect(() => parseMode('99.9')).toThrow("mode '99.9': a scale must be in (0, 1]; did you mean 99.9%?");
    expect(() => parseMode('auto@0')).toThrow("mode 'auto@0': auto@T needs T a whole number of steps in [1, 100000]");
  });
});

describe('validateRecipe', () => {
  it('names the bad field', () => {
    expect(() => validateRecipe({ ...autoRecipe(), v0Fraction: 1 })).toThrow(/v0Fraction must be in \[0, 1\), got 1/);
    expect(() => validateRecipe({ ...autoRecipe(), outputLayer: 'spikes' as never })).toThrow(/outputLayer/);
    expect(() => validateRecipe({ ...autoRecipe(), targetT: 0 })).toThrow(/targetT must be a positive integer/);
    expect(() => validateRecipe(autoRecipe())).not.toThrow();
  });
});
