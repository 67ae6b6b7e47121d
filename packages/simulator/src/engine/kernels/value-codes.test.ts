// The value table's seed (values known from the graph) and what the engine seeds it with.
import { initBackend } from '@snn/backend';
import { nodeNeuronArrays } from '@snn/graph';
import { beforeAll, describe, expect, it } from 'vitest';
import { tutorialSnn } from '../../../test/helpers.js';
import { compilePlan } from '../plan.js';
import { spikeValues } from '../resolve.js';
import { poolLut } from './if-pool.js';
import { ValueTable } from './value-codes.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const f = Math.fround;

describe('ValueTable.seed', () => {
  it('takes k rows of P values (zeros skipped, repeats once), tiled over C = 2P channels', () => {
    const t = new ValueTable(4, 2);
    expect(t.seed(Float32Array.of(0.5, 0, 0.5, 2, 1, 2), 3)).toBe(true);
    // channel 0 (and 2): 0.5, 1; channel 1 (and 3): 2
    const table = t.table();
    expect([...table.subarray(0, 4)]).toEqual([0.5, 1, Number.NaN, Number.NaN]);
    expect([...table.subarray(4, 8)]).toEqual([2, Number.NaN, Number.NaN, Number.NaN]);
    expect([...table.subarray(8, 16)]).toEqual([...table.subarray(0, 8)]);
    // a value seen in a chunk that the seed holds adds nothing; a new one is learnt
    expect(t.learn(Float32Array.of(1, 2, 0.5, 0))).toBe(false);
    expect(t.learn(Float32Array.of(0, 3, 0, 0))).toBe(true);
  });

  it('refuses, leaving the table as it was, more than 4 values per channel, a NaN, or rows of the wrong width', () => {
    const t = new ValueTable(2);
    expect(t.seed(Float32Array.of(1, 1, 2, 1, 3, 1, 4, 1, 5, 1), 5)).toBe(false);
    expect(t.seed(Float32Array.of(1, Number.NaN), 1)).toBe(false);
    expect(t.seed(Float32Array.of(1, 2, 3), 1)).toBe(false);
    expect([...t.table()].every(Number.isNaN)).toBe(true);
    expect(t.failed).toBe(false);
  });
});

describe('spikeValues (KernelLayer.inputCodes)', () => {
  it("tutorial CNN: conv2 and conv3 read 2×2 poolings of IF spikes (tf.avgPool's 4 values per channel), the Linear one through a Flatten, conv1 the image", async () => {
    const snn = await tutorialSnn('99.9%', 100);
    const plan = compilePlan(snn, true);
    const convs = snn.nodes.filter((n) => n.op === 'Conv2d');
    const ifs = snn.nodes.filter((n) => n.op === 'IF');
    const fc = snn.nodes.find((n) => n.op === 'Linear') as (typeof snn.nodes)[number];
    expect(spikeValues(plan, convs[0].inputs[0])).toBeUndefined();
    for (const [reader, neuron] of [
      [convs[1], ifs[0]],
      [convs[2], ifs[1]],
      [fc, ifs[2]],
    ] as const) {
      const want = poolLut(nodeNeuronArrays(neuron).amp, 32);
      expect([...(spikeValues(plan, reader.inputs[0]) as Float32Array)], reader.name).toEqual([...want]);
      // one spike of amplitude a in a 2×2 window: a/4; all four: a (sums of equal values)
      const a = nodeNeuronArrays(neuron).amp[0];
      expect(want[0]).toBe(f(a / 4));
      expect(want[3 * 32]).toBe(a);
    }
  });
});
