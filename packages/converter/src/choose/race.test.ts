import { describe, expect, it } from 'vitest';
import type { Recipe } from '../recipe.js';
import { autoRecipe } from '../recipes.js';
import { makeChoices, type ValidateOptions } from './choices.js';
import { fallZ, paired, verdict } from './race.js';

describe('paired comparison (hand-derived)', () => {
  it('one T: D = b − c and McNemar’s z = (b − c)/√(b + c)', () => {
    // a right where b is wrong on images 0, 1, 2; b right where a is wrong on image 3; both right on 4, both wrong on 5
    const a = [1, 1, 1, 0, 1, 0];
    const b = [0, 0, 0, 1, 1, 0];
    expect(paired(a, b, 1)).toEqual({ n: 6, diff: 2, differing: 4, z: 2 / Math.sqrt(4) });
    expect(paired(a, b, 1, 3)).toEqual({ n: 3, diff: 3, differing: 3, z: 3 / Math.sqrt(3) });
    expect(paired(a, a, 1).z).toBe(0);
  });

  it('several T: d_i is the mean over them; an image that differs at one T only counts as differing', () => {
    // image 0: a right at both T, b at the first only: d = ½; image 1: a wrong at T₂ where b is right, right at T₁ where b is wrong: d = 0
    const a = [1, 1, 1, 0];
    const b = [1, 0, 0, 1];
    expect(paired(a, b, 2)).toEqual({ n: 2, diff: 0.5, differing: 2, z: 0.5 / Math.sqrt(0.25) });
  });

  it('falls as T grows: the largest paired z of acc(T_h) − acc(T_max)', () => {
    // 3 images at T = (a, b, max): right at a and b, wrong at max on images 0 and 1; image 2 right only at max
    const c = [1, 1, 0, 1, 1, 0, 0, 0, 1];
    expect(fallZ(c, 3)).toBeCloseTo((2 - 1) / Math.sqrt(3), 12);
    expect(fallZ([0, 1, 0, 1], 2)).toBe(0); // right at max wherever at a shorter T: no fall
  });

  it('verdicts: better beyond z = 2, out at once when no better, undecided while images remain', () => {
    const p = (diff: number, z: number, differing = 5) => ({ n: 100, diff, differing, z });
    expect(verdict(p(9, 2.1), 0, false)).toBe('better');
    expect(verdict(p(3, 1.2), 0, false)).toBe('undecided');
    expect(verdict(p(3, 1.2), 0, true)).toBe('not better');
    expect(verdict(p(-1, -0.5), 0, false)).toBe('not better');
    expect(verdict(p(9, 3), 2.5, false)).toBe('falls as T grows');
    expect(verdict(p(0, 0, 0), 0, false)).toBe('no image differs');
  });

  it('a default that falls as T grows keeps no advantage: a challenger that holds wins unless worse beyond the noise', () => {
    const p = (diff: number, z: number) => ({ n: 100, diff, differing: 5, z });
    expect(verdict(p(-1, -0.5), 0, false, 2, 2.5)).toBe('undecided'); // the default's fall is judged on all the images
    expect(verdict(p(-1, -0.5), 0, true, 2, 2.5)).toBe('holds where the default falls');
    expect(verdict(p(-6, -2.1), 0, false, 2, 2.5)).toBe('not better');
    expect(verdict(p(-1, -0.5), 2.2, false, 2, 2.5)).toBe('falls as T grows');
    expect(verdict(p(-1, -0.5), 0, false, 2, 1.9)).toBe('not better'); // the default's fall within the noise: as before
  });
});

describe('makeChoices races the options on per-image validation results', () => {
  // Options are told apart by v0Fraction; each "candidate" is right on image i at the h-th scored T by a rule of its own.
  const rules: Record<number, (i: number, h: number) => boolean> = {
    0: (i) => i % 10 !== 0, // the default: 90 %
    0.1: (i) => i % 10 !== 0 || i % 100 === 10, // right on 1 image in 100 more: +3 of 250 (z 1.7), +5 of 500 (z 2.2)
    0.2: (i) => i % 5 !== 0, // worse
    0.3: (i, h) => h === 0 || i % 10 !== 0, // right on every image at the first T, as the default at the last: falls as T grows
    0.4: (i) => i % 10 !== 0, // the default's predictions
    0.5: (i, h) => h === 0 || i % 10 !== 0, // a default that falls: 100 % at the first T, 90 % at the last
    0.6: (i) => i % 20 !== 0, // 95 % at both T: as many images right as 0.5 (over the two T), and it does not fall
  };
  const choice = (fs: number[]): Recipe => ({
    ...autoRecipe(1),
    scoreTs: [2, 4],
    choices: [{ name: 'v0', options: fs.map((f) => ({ label: `f=${f}`, patch: { v0Fraction: f } })) }],
  });
  const asked: string[] = [];
  const validate = async (r: Recipe, T: number, o?: ValidateOptions) => {
    expect(T).toBe(4);
    if (o?.costs) return { accuracy: [0, 0, 0, 0] };
    const [from, to] = [o?.images?.[0] ?? 0, Math.min(1000, o?.images?.[1] ?? 1000)];
    asked.push(`${r.v0Fraction} ${from}-${to}`);
    const correct: number[] = [];
    for (let i = from; i < to; i++) for (const [h] of (o?.at ?? []).entries()) correct.push(rules[r.v0Fraction as number](i, h) ? 1 : 0);
    return { accuracy: [0, 0, 0, 0], correct, of: 1000 };
  };

  it('scores every option on 250 images, doubles only for a close challenger, and picks it once beyond the noise', async () => {
    asked.length = 0;
    const r = await makeChoices(choice([0, 0.1, 0.2]), async (q) => q, validate);
    expect(r.choices[0].picked).toBe('f=0.1');
    expect(asked).toEqual(['0 0-250', '0.1 0-250', '0.2 0-250', '0 250-500', '0.1 250-500']);
    expect(r.choices[0].race).toEqual({
      default: 'f=0',
      images: { 'f=0': 500, 'f=0.1': 500, 'f=0.2': 250 },
      vsDefault: {
        'f=0.1': { images: 500, diff: 5, z: 2.24, verdict: 'better' },
        'f=0.2': { images: 250, diff: -25, z: -5, verdict: 'not better' },
      },
      defaultFallZ: 0,
      why: "'f=0.1' better (+5 images right of 500, z 2.24) against the default 'f=0'; 'f=0.2' not better (-25 images right of 250, z -5)",
    });
    expect(r.choices[0].scores['f=0']).toBeCloseTo(0.9, 12);
    expect(r.recipe.v0Fraction).toBe(0.1);
  });

  it('keeps the default against a challenger that falls as T grows, or that agrees on every image', async () => {
    const r = await makeChoices(choice([0, 0.3, 0.4]), async (q) => q, validate);
    expect(r.choices[0].picked).toBe('f=0');
    expect(r.choices[0].race?.vsDefault).toMatchObject({ 'f=0.3': { verdict: 'falls as T grows' }, 'f=0.4': { verdict: 'no image differs' } });
    expect(r.choices[0].race?.why).toMatch(/^the default 'f=0' stays: 'f=0.3' falls as T grows/);
  });

  it('a default that falls as T grows gives way to a challenger that holds and is no worse beyond the noise', async () => {
    // default 0.5 on 250 images: right at T₁ on all, at T₂ on 225: fallZ = 25/√25 = 5 — a fall judged on all 1,000 images, so the
    // race doubles to 500, then 1,000: fallZ = 100/√100 = 10. Against it 0.6: d_i = −½ on the 50 images i ≡ 0 (mod 20), +½ on
    // the 50 images i ≡ 10 (mod 20): D = 0, Σd² = 25, z = 0 (on the first 250 alone: 13 and 12 images, D = −0.5, z = −0.2)
    const r = await makeChoices(choice([0.5, 0.6, 0.2]), async (q) => q, validate);
    expect(r.choices[0].picked).toBe('f=0.6');
    expect(r.choices[0].race?.defaultFallZ).toBe(10);
    expect(r.choices[0].race?.vsDefault['f=0.6']).toEqual({ images: 1000, diff: 0, z: 0, verdict: 'holds where the default falls' });
    expect(r.choices[0].race?.vsDefault['f=0.2'].verdict).toBe('not better'); // 0.2 (80 %) is worse beyond the noise
    expect(r.choices[0].race?.why).toMatch(/^'f=0.6' holds where the default falls .* against the default 'f=0.5' \(which falls as T grows, z 10\)/);
  });
});
