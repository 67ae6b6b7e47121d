import { describe, expect, it } from 'vitest';
import { accuracyCaption, ratesCaption, sopsCaption } from './captions.js';

describe('captions say what the data shows', () => {
  it('SOPs: below the ANN, or where they pass it', () => {
    expect(sopsCaption({ sopsUpTo: [1e5, 2e5, 3e5], annMacs: 1e6, analogMacsPerStep: 0 })).toContain(
      "they stay below them through t = 3 (30.0% of the ANN's at t = 3)",
    );
    const over = sopsCaption({ sopsUpTo: [4e5, 8e5, 1.2e6, 1.6e6], annMacs: 1e6, analogMacsPerStep: 2e5 });
    expect(over).toContain('they pass them at t = 3: from there on the SNN does more operations per image than the ANN (1.6× at t = 4)');
    expect(over).toContain('0.20 M multiply-adds per step (0.80 M over 4 steps');
  });

  it('accuracy: per mode that ran, first step within a point of the ANN', () => {
    const c = accuracyCaption([{ mode: 'auto', accuracy: [0.5, 0.9, 0.96, 0.97] }], 0.97, 60);
    expect(c).toContain('auto: 97.0% at t = 4, within 1 point of the ANN from t = 3.');
    expect(c).toContain('Values below 60% are drawn on the bottom edge (auto).');
    expect(accuracyCaption([{ mode: 'max', accuracy: [0.7, 0.8] }], 0.97, 60)).toContain('max: 80.0% at t = 2, not within 1 point of the ANN by t = 2.');
  });

  it('rates: neuron × image values, silent share, median of the firing ones', () => {
    expect(ratesCaption('if1', [0, 0, 0.25, 0.5, 1], 5, 1, 4)).toBe(
      'Firing rate (spikes per step over 4 steps) of each of the 5 neurons of if1 in each of 1 test images: 5 neuron × image values. 40.0% never fire; the median rate of the others is 0.500; 20.0% fire at every step (rate 1 or more).',
    );
  });
});
