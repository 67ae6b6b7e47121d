import { describe, expect, it } from 'vitest';
import { heatmap, histogram, lineChart, panels, scatterChart, spikeRaster } from './index.js';
import { VizInputError } from './validate.js';

/** Rejects with a VizInputError whose message starts with the parameter's name. */
async function rejectsNaming(p: Promise<unknown> | (() => unknown), param: string, message: RegExp) {
  const e = await (typeof p === 'function' ? Promise.resolve().then(p) : p).then(
    () => {
      throw new Error('expected a rejection');
    },
    (err) => err,
  );
  expect(e).toBeInstanceOf(VizInputError);
  expect(e.param).toBe(param);
  expect(e.message.startsWith(`${param}: `)).toBe(true);
  expect(e.message).toMatch(message);
}

describe('bad plot inputs get an error that names them', () => {
  it('spike rasters: ragged, non-finite, negative, empty, tensor-like', async () => {
    await rejectsNaming(() => spikeRaster({ spikes: [[0, 1], [1]] }), 'spikes', /row 1 has 1 values, row 0 has 2 \(expected \[T\]\[N\]\)/);
    await rejectsNaming(() => spikeRaster({ spikes: [[0, Number.NaN]] }), 'spikes[0][1]', /finite number \(got NaN\)/);
    await rejectsNaming(() => spikeRaster({ spikes: [[0, -1]] }), 'spikes', /≥ 0/);
    await rejectsNaming(() => spikeRaster({ spikes: [] }), 'spikes', /is empty/);
    const fakeTensor = { shape: [2, 2], dataSync: () => new Float32Array(4) };
    await rejectsNaming(() => spikeRaster({ spikes: fakeTensor as never }), 'spikes', /plain arrays, not tensors/);
  });

  it('series: none, unnamed, duplicated, x/y of different lengths, Infinity', async () => {
    await rejectsNaming(() => lineChart({ series: [] }), 'series', /at least one/);
    await rejectsNaming(() => lineChart({ series: [{ x: [1], y: [1] } as never] }), 'series[0].name', /string/);
    const s = { name: 'a', x: [0, 1], y: [0, 1] };
    await rejectsNaming(() => scatterChart({ series: [s, s] }), 'series[1].name', /used twice/);
    await rejectsNaming(() => lineChart({ series: [{ name: 'a', x: [0, 1, 2], y: [0, 1] }] }), 'series[0].y', /has 2 values, expected 3/);
    await rejectsNaming(() => lineChart({ series: [{ name: 'a', x: [0, Number.POSITIVE_INFINITY], y: [0, 1] }] }), 'series[0].x[1]', /got Infinity/);
  });

  it('sizes, domains, bins', async () => {
    const series = [{ name: 'a', x: [0, 1], y: [0, 1] }];
    await rejectsNaming(() => lineChart({ series, width: -5 }), 'width', /positive number of pixels/);
    await rejectsNaming(() => lineChart({ series, yDomain: [1, 0] }), 'yDomain', /min < max/);
    await rejectsNaming(() => histogram({ values: [1, 2], maxBins: 0 }), 'maxBins', /integer ≥ 1/);
    await rejectsNaming(() => histogram({ values: [] }), 'values', /at least 1/);
    await rejectsNaming(() => heatmap({ values: [[1, 2]], colorDomain: [2, 2] }), 'colorDomain', /min < max/);
    await rejectsNaming(() => panels([]), 'specs', /at least one/);
  });

  it('accepts typed arrays (e.g. from tensor.dataSync()) as plain numbers', async () => {
    const svg = await lineChart({ series: [{ name: 'a', x: new Float32Array([0, 1]), y: new Float64Array([1, 2]) }] });
    expect(svg.startsWith('<svg')).toBe(true);
  });
});
