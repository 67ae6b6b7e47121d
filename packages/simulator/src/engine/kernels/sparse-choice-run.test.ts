// The sparse kernels' per-chunk choice inside a simulation (module state is per test file: the first
// simulate() here is the first of these layer geometries in this process).
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mnistTestSubset, tutorialSnn } from '../../../test/helpers.js';
import { simulate } from '../../simulate.js';
import { SparseChoice } from './sparse-choice.js';
import { probeRows, SparseConv } from './sparse-conv.js';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('sparse kernels in a simulation: probes, reuse, dense chunks', () => {
  it('probes the dense layer on an eighth of a chunk, at least 32 rows', () => {
    expect([probeRows(1), probeRows(32), probeRows(100), probeRows(180), probeRows(1000)]).toEqual([1, 32, 32, 32, 125]);
  });

  it('a later simulate() of the same layer geometries reuses the order check and the sparse/dense estimates (no probe chunks)', async () => {
    const snn = await tutorialSnn('99.9%', 100);
    const data = await mnistTestSubset(20);
    const probed = vi.spyOn(SparseChoice.prototype, 'denseTook');
    const first = await simulate(snn, data, { T: 20, chunk: 5, workers: 1 });
    // the first simulate() measures: conv2, conv3 and the Linear each time a dense probe on 32 of a chunk's 100 rows, twice
    expect(probeRows(100)).toBe(32);
    expect(probed.mock.calls.slice(0, 6).map(([, rows]) => rows)).toEqual([32, 32, 32, 32, 32, 32]);
    probed.mockRestore();
    const checks = vi.spyOn(SparseConv.prototype, 'matchesLayer');
    const measuring = vi.spyOn(SparseChoice.prototype, 'measuring', 'get');
    const again = await simulate(snn, data, { T: 20, chunk: 5, workers: 1 });
    const asked = measuring.mock.results.length;
    const probes = measuring.mock.results.filter((r) => r.value === true).length;
    expect(checks).not.toHaveBeenCalled();
    checks.mockRestore();
    measuring.mockRestore();
    expect(again.correct).toEqual(first.correct);
    // conv2, conv3 and the Linear are each asked at least once per chunk (4 chunks); none is measuring
    expect(asked).toBeGreaterThanOrEqual(12);
    expect(probes).toBe(0);
  });

  it('a chunk its estimates keep dense runs the dense layer without listing its input first (same outputs)', async () => {
    const snn = await tutorialSnn('99.9%', 100);
    const data = await mnistTestSubset(20);
    const want = await simulate(snn, data, { T: 20, chunk: 5, workers: 1 });
    const ahead = vi.spyOn(SparseChoice.prototype, 'denseAhead').mockReturnValue(true);
    const listed = vi.spyOn(SparseConv.prototype, 'compress');
    const got = await simulate(snn, data, { T: 20, chunk: 5, workers: 1 });
    const calls = listed.mock.calls.length;
    ahead.mockRestore();
    listed.mockRestore();
    expect(got.correct).toEqual(want.correct);
    // 4 chunks of 5 steps: conv2, conv3 and the Linear each list their first chunk only (nothing to predict from before it)
    expect(calls).toBe(3);
  });
});
