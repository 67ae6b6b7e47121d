import { describe, expect, it } from 'vitest';
import { createProgressBar, progressLine } from './progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 100, write: (s: string) => writes.push(s), writes };
}

describe('progress bar', () => {
  it('draws in place on a terminal and ends its line', () => {
    const s = stream(true);
    const bar = createProgressBar({ stream: s, label: 'simulate', T: 10, intervalMs: 0 });
    bar.update({ stage: 'simulate', batch: 1, samples: 50, total: 200, seconds: 1 });
    bar.update({ stage: 'simulate', batch: 4, samples: 200, total: 200, seconds: 4 });
    bar.done();
    expect(s.writes[0]).toMatch(/^\rsimulate \[#+-+\] {2}25% 50\/200 {2}1\.0 s {2}ETA 3\.0 s {2}500 img·steps\/s/);
    expect(s.writes[1]).toMatch(/100% 200\/200/);
    expect(s.writes.at(-1)).toBe('\n');
  });

  it('is quiet when the stream is not a terminal (logs, pipes, CI)', () => {
    const s = stream(false);
    const bar = createProgressBar({ stream: s });
    bar.update({ stage: 'simulate', batch: 1, samples: 5 });
    bar.done();
    expect(s.writes).toEqual([]);
  });

  it('throttles redraws but always draws the last event', () => {
    const s = stream(true);
    const bar = createProgressBar({ stream: s, intervalMs: 60_000 });
    for (let i = 1; i <= 10; i++) bar.update({ stage: 'simulate', batch: i, samples: i, total: 10, seconds: i });
    expect(s.writes).toHaveLength(2);
  });

  it('without a total shows samples and time', () => {
    expect(progressLine({ stage: 'simulate', batch: 2, samples: 40, seconds: 75 }, {})).toBe('40 images  1 min 15 s');
  });
});

describe('progress bar with a note (the CLI draws training and sweeps with it)', () => {
  it('appends the note after the counts', () => {
    expect(progressLine({ samples: 3, total: 12, seconds: 2, note: 'epoch 1/4 loss 0.500' }, { label: 'train' }, 100)).toMatch(
      /^train \[#+-+\] {2}25% 3\/12 {2}2\.0 s {2}ETA 6\.0 s {2}epoch 1\/4 loss 0\.500$/,
    );
  });
});
