import { describe, expect, it } from 'vitest';
import { accuracyAt, accuracyCurve, mergeOutcomes } from './outcome.js';

describe('mergeOutcomes', () => {
  it('adds counts and confusion matrices of disjoint shards (hand-derived)', () => {
    const a = {
      n: 3,
      correct: [1, 2],
      confusion: [
        [2, 0],
        [1, 0],
      ],
    };
    const b = {
      n: 2,
      correct: [0, 2],
      confusion: [
        [0, 0],
        [0, 1],
        [0, 1],
      ].slice(0, 2),
    };
    const m = mergeOutcomes([a, b]);
    expect(m).toEqual({
      n: 5,
      correct: [1, 4],
      confusion: [
        [2, 0],
        [1, 1],
      ],
    });
    expect(accuracyCurve(m)).toEqual([0.2, 0.8]);
    expect(accuracyAt(m, [2])).toEqual({ '2': 0.8 });
  });

  it('widens the confusion matrix to the largest shard and refuses different T', () => {
    const m = mergeOutcomes([
      { n: 1, correct: [1], confusion: [[1]] },
      {
        n: 1,
        correct: [0],
        confusion: [
          [0, 0, 0],
          [0, 0, 0],
          [1, 0, 0],
        ],
      },
    ]);
    expect(m.confusion).toEqual([
      [1, 0, 0],
      [0, 0, 0],
      [1, 0, 0],
    ]);
    expect(() =>
      mergeOutcomes([
        { n: 1, correct: [1], confusion: [] },
        { n: 1, correct: [1, 1], confusion: [] },
      ]),
    ).toThrow(/1 and 2 steps/);
    expect(() => mergeOutcomes([])).toThrow(/no outcome/);
  });
});
