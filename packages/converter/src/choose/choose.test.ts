import { initBackend } from '@snn/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Recipe } from '../recipe.js';
import { spikingJellyRecipe } from '../recipes.js';
import { makeChoices } from './choices.js';
import { takeSamples } from './take-samples.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('takeSamples', () => {
  it('gives exactly n images: 256 of batches of 100 are 100 + 100 + 56, and no tensor is left behind', async () => {
    const rows = (b: number, k: number) => tf.tensor2d(Array.from({ length: b }, (_, i) => [k * 100 + i]));
    const batches = [rows(100, 0), rows(100, 1), rows(100, 2), rows(100, 3)];
    const before = tf.memory().numTensors;
    const sizes: number[] = [];
    let last = -1;
    for await (const x of takeSamples(batches, 256)) {
      sizes.push(x.shape[0]);
      last = (await x.data()).at(-1) as number;
    }
    expect(sizes).toEqual([100, 100, 56]);
    expect(last).toBe(255);
    expect(tf.memory().numTensors).toBe(before);
    expect((await collect(takeSamples(batches, 200))).map((x) => x.shape[0])).toEqual([100, 100]);
    tf.dispose(batches);
  });

  it('with a pick, gives exactly the picked positions of the pass, across batches, in order', async () => {
    const rows = (b: number, k: number) => tf.tensor2d(Array.from({ length: b }, (_, i) => [k * 10 + i]));
    const batches = [rows(10, 0), rows(10, 1), rows(10, 2)];
    const pick = new Uint8Array(30);
    for (const i of [1, 4, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 27]) pick[i] = 1;
    const before = tf.memory().numTensors;
    const got: number[][] = [];
    for await (const x of takeSamples(batches, 13, pick)) got.push(Array.from(await x.data()));
    // batch 1 cut to rows 1 and 4; batch 2 whole; batch 3 row 7 (position 27)
    expect(got).toEqual([[1, 4], [10, 11, 12, 13, 14, 15, 16, 17, 18, 19], [27]]);
    expect(tf.memory().numTensors).toBe(before);
    // n caps the picked positions too: the first 3 picked
    expect((await collect(takeSamples(batches, 3, pick))).map((x) => x.shape[0])).toEqual([2, 1]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(batches);
  });
});

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const v of it) out.push(v);
  return out;
};

describe('makeChoices', () => {
  const base: Recipe = {
    ...spikingJellyRecipe({ kind: 'max' }),
    targetT: 8,
    choices: [
      {
        name: 'v0',
        options: [
          { label: 'zero', patch: { v0Fraction: 0 } },
          { label: 'half', patch: { v0Fraction: 0.5 } },
        ],
      },
      {
        name: 'spikes',
        options: [
          { label: 'one', patch: { maxSpikes: 1 } },
          { label: 'two', patch: { maxSpikes: 2 } },
          { label: 'three', patch: { maxSpikes: 3 } },
        ],
      },
    ],
  };
  // "accuracy" of a recipe: 0.5 + v0 / 4 − |maxSpikes − 2| / 10 → half (0.625) then two (0.75)
  const score = async (r: Recipe, T: number) => {
    expect(T).toBe(8);
    return 0.5 + (r.v0Fraction ?? 0) / 4 - Math.abs((r.maxSpikes ?? 1) - 2) / 10;
  };

  it('picks each choice in turn by its validation score, on top of the earlier picks', async () => {
    const built: Recipe[] = [];
    const { recipe, result, choices } = await makeChoices(
      base,
      async (r) => {
        built.push(r);
        return r;
      },
      score,
    );
    expect(choices).toEqual([
      { name: 'v0', picked: 'half', by: 'validation', scores: { zero: 0.4, half: 0.525 }, T: 8 },
      { name: 'spikes', picked: 'two', by: 'validation', scores: { one: 0.525, two: 0.625, three: 0.525 }, T: 8 },
    ]);
    expect(recipe).toMatchObject({ v0Fraction: 0.5, maxSpikes: 2, choices: undefined });
    expect(result).toEqual(recipe);
    expect(built).toHaveLength(5); // 2 + 3 conversions, the winner not rebuilt
  });

  it('keeps the earlier option on a tie, and the first options without validation data', async () => {
    const tie = await makeChoices(
      base,
      async (r) => r,
      async () => 0.9,
    );
    expect(tie.choices.map((c) => c.picked)).toEqual(['zero', 'one']);
    const none = await makeChoices(base, async (r) => r, undefined);
    expect(none.choices.map((c) => [c.picked, c.by])).toEqual([
      ['zero', 'default'],
      ['one', 'default'],
    ]);
    expect(none.result).toMatchObject({ v0Fraction: 0, maxSpikes: 1 });
  });
});
