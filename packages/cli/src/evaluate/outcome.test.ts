import { describe, expect, it } from 'vitest';
import { accuracyAt, accuracyCurve, changeZ, mergeOutcomes, readingChanges } from './outcome.js';

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

describe('readingChanges', () => {
  it('counts the images each shorter T gets right and the longest does not, and the reverse (hand-derived)', () => {
    // 4 images, read at T = 2, 4, 8 (predictions sample-major); labels 0, 1, 2, 3
    const predicted = [
      [0, 0, 0], // right at every T
      [2, 1, 1], // gained from T=2 on
      [2, 2, 0], // right at 2 and 4, lost by 8
      [3, 0, 3], // right at 2 and 8, wrong at 4: gained from T=4
    ].flat();
    expect(readingChanges(predicted, [0, 1, 2, 3], [2, 4, 8])).toEqual([
      { from: 2, to: 8, gained: 1, lost: 1 },
      { from: 4, to: 8, gained: 1, lost: 1 },
    ]);
    expect(readingChanges([1, 0, 1, 1], [1, 1], [8, 32])).toEqual([{ from: 8, to: 32, gained: 0, lost: 1 }]);
  });

  it("McNemar's z: (gained − lost)/√(gained + lost), 0 when nothing changes", () => {
    expect(changeZ({ from: 32, to: 200, gained: 33, lost: 40 })).toBeCloseTo(-7 / Math.sqrt(73), 12);
    expect(changeZ({ from: 32, to: 200, gained: 0, lost: 0 })).toBe(0);
  });

  it('shards add their changes; outcomes that compare different T do not merge', () => {
    const part = (gained: number, lost: number, from = 8) => ({ n: 2, correct: [1], confusion: [[1]], changes: [{ from, to: 32, gained, lost }] });
    expect(mergeOutcomes([part(1, 2), part(3, 0)]).changes).toEqual([{ from: 8, to: 32, gained: 4, lost: 2 }]);
    expect(() => mergeOutcomes([part(1, 2), part(1, 2, 16)])).toThrow(/different T/);
    expect(() => mergeOutcomes([part(1, 2), { n: 2, correct: [1], confusion: [[1]] }])).toThrow(/lack/);
  });
});
