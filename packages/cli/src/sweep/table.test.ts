import { describe, expect, it } from 'vitest';
import { sweepCsv, sweepText } from './table.js';

const row = {
  model: 'a,b',
  mode: '99.9%',
  seed: null,
  T: 8,
  n: 4,
  correct: 3,
  accuracy: 0.75,
  sopsPerImage: 1500000,
  spikesPerImage: 5000,
  annMacsPerImage: 10,
};

describe('sweep table', () => {
  it('writes CSV with quoting and empty cells for analog input', () => {
    expect(sweepCsv([row, { ...row, model: 'm', seed: 2 }])).toBe(
      'model,mode,seed,T,n,correct,accuracy,sopsPerImage,annMacsPerImage\n"a,b",99.9%,,8,4,3,0.75,1500000,10\nm,99.9%,2,8,4,3,0.75,1500000,10\n',
    );
  });

  it('prints accuracy in % and SOPs in millions', () => {
    expect(sweepText([row]).split('\n')[1]).toBe('a,b    99.9%  analog  8       75.00        1.500');
  });
});
