import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tutorialSnn } from '../../test/helpers.js';
import { simulate } from '../simulate.js';
import type { FiringRateResult } from './firing-rate.js';
import {
  firingRates,
  type MonitorKind,
  membraneTraces,
  outputMeans,
  outputOnlySession,
  registerMonitorKind,
  spikeTrains,
  synapticOps,
  type SopResult,
  type TraceResult,
} from './index.js';
import { fanOut } from './macs.js';

beforeAll(async () => {
  await initBackend('wasm');
});

/** x → fc1 (identity) → if1 (θ 1) → fc2 (2 → 3) → output: neuron 0 reads 0.25, neuron 1 reads 0.5. */
function tiny() {
  const b = new GraphBuilder();
  b.input('x', [2]);
  b.add({ name: 'fc1', op: 'Linear', inputs: ['x'], params: { weight: tf.eye(2) } });
  b.add({ name: 'if1', op: 'IF', inputs: ['fc1'], attrs: { neuron: { vThreshold: 1, vReset: null } } });
  b.add({ name: 'fc2', op: 'Linear', inputs: ['if1'], params: { weight: tf.ones([2, 3]) } });
  return b.output('fc2').build();
}
const data = { images: Float32Array.from([0.25, 0.5, 0.25, 0.5, 0.25, 0.5]), labels: [0, 1, 2], n: 3, shape: [2] };

describe('monitors (hand-derived, T = 10)', () => {
  // neuron 0 (x = 0.25): V 0.25 0.5 0.75 0 | 0.25 0.5 0.75 0 | 0.25 0.5 — spikes at t = 4, 8
  // neuron 1 (x = 0.5):  V 0.5 0 0.5 0 …                               — spikes at t = 2, 4, 6, 8, 10
  it('firing rates per layer and channel, spike trains, membrane traces, SOPs', async () => {
    const monitors = [
      firingRates({ samples: [1, 7] }),
      spikeTrains({ node: 'if1', neurons: [1], samples: [2] }),
      membraneTraces({ node: 'if1', neurons: [0], samples: [0, 1] }),
      synapticOps(),
    ];
    const r = await simulate(tiny(), data, { T: 10, monitors, batchSize: 2, chunk: 3 });
    const rates = r.monitors?.firingRates as FiringRateResult;
    expect(rates.if1.channels).toEqual([0.2, 0.5]);
    expect(rates.if1.rate).toBeCloseTo(0.35, 12);
    expect(rates.if1.spikesPerImage).toBe(7);
    // per neuron for sample 1 (sample 7 is not in the data): 2 and 5 spikes over 10 steps; fc2 is not spiking
    expect(rates.if1.neurons).toEqual([[0.2, 0.5]]);
    const train = r.monitors?.['spikeTrains:if1'] as TraceResult;
    expect(train).toEqual({ node: 'if1', samples: [2], neurons: [1], values: [[[0, 1, 0, 1, 0, 1, 0, 1, 0, 1]]] });
    const trace = r.monitors?.['membraneTraces:if1'] as TraceResult;
    const v0 = [0.25, 0.5, 0.75, 0, 0.25, 0.5, 0.75, 0, 0.25, 0.5];
    expect(trace.values).toEqual([[v0], [v0]]);
    const sop = r.monitors?.synapticOps as SopResult;
    // 7 spikes per image, each reaching the 3 weights of fc2; fc1 (analog input) costs 4 MACs at each of 10 steps.
    expect(sop).toEqual({
      T: 10,
      annMacsPerImage: 10,
      sopsPerImage: 21,
      // spikes per image up to t: 0 1 1 3 3 4 4 6 6 7, each reaching 3 weights
      sopsUpTo: [0, 3, 3, 9, 9, 12, 12, 18, 18, 21],
      spikesUpTo: [0, 1, 1, 3, 3, 4, 4, 6, 6, 7],
      analogMacsPerImage: 40,
      layers: [{ node: 'if1', spikesPerImage: 7, fanOut: 3, sopsPerImage: 21 }],
    });
  });

  it('output means over images and steps, of the output and of an inner node', async () => {
    // fc2 sums both neurons' spikes: 7 spikes in 10 steps → 0.7 per step on each of its 3 outputs.
    const r = await simulate(tiny(), data, { T: 10, monitors: [outputMeans()], batchSize: 2, chunk: 3 });
    const m = r.monitors?.outputMeans as number[];
    expect(m).toHaveLength(3);
    for (const v of m) expect(v).toBeCloseTo(0.7, 6);
    // fc1 is static (constant input): its block counts once for every step.
    const inner = await simulate(tiny().with({ outputs: ['fc1'] }), data, { T: 10, monitors: [outputMeans()], batchSize: 2 });
    expect(inner.monitors?.outputMeans).toEqual([0.25, 0.5]);
    const spikes = await simulate(tiny().with({ outputs: ['if1'] }), data, { T: 10, monitors: [outputMeans()], chunk: 4 });
    expect((spikes.monitors?.outputMeans as number[]).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([0.2, 0.5]);
  });

  it('an output-only session sees every step of the output and asks for no spikes or potentials', async () => {
    // fc2[s, 0] at each t = spikes of if1 at t: neuron 1 at t = 2, 4, 6, 8, 10, neuron 0 at t = 4, 8.
    const asked: string[] = [];
    const kind: MonitorKind = {
      kind: 'test-output-per-step',
      session() {
        const at: number[][] = [];
        const s = outputOnlySession(
          (info, out, same) => {
            for (let k = 0; k < info.steps; k++)
              for (let b = 0; b < info.count; b++) {
                at[info.first + b] ??= [];
                at[info.first + b][info.t0 + k - 1] = out[((same ? 0 : k) * info.count + b) * info.size];
              }
          },
          () => at,
        );
        if (s.wantsSpikes('if1')) asked.push('spikes');
        if (s.wantsMembrane('if1')) asked.push('membrane');
        return s;
      },
      merge: (_m, parts) => (parts as number[][][])[0],
    };
    registerMonitorKind(kind);
    const r = await simulate(tiny(), data, { T: 10, monitors: [{ kind: kind.kind, name: 'perStep' }], batchSize: 2, chunk: 3, workers: 1 });
    const perStep = [0, 1, 0, 2, 0, 1, 0, 2, 0, 1];
    expect(r.monitors?.perStep).toEqual([perStep, perStep, perStep]);
    expect(asked).toEqual([]);
  });

  it('counts input spikes as SOPs under a Poisson encoder', async () => {
    const r = await simulate(tiny(), data, { T: 50, encoder: { kind: 'poisson', seed: 1 }, monitors: [synapticOps()] });
    const sop = r.monitors?.synapticOps as SopResult;
    expect(sop.layers[0].node).toBe('x');
    expect(sop.layers[0].fanOut).toBe(2);
    expect(sop.analogMacsPerImage).toBe(0);
    expect(sop.layers[0].spikesPerImage).toBeGreaterThan(0.75 * 50 * 0.8);
  });

  it('refuses monitors that do not fit the graph', async () => {
    await expect(simulate(tiny(), data, { T: 2, monitors: [firingRates({ nodes: ['fc2'] })] })).rejects.toThrow(/'fc2' is not a spiking node/);
    await expect(simulate(tiny(), data, { T: 2, monitors: [spikeTrains({ node: 'if1', neurons: [2] })] })).rejects.toThrow(/neuron 2 is outside 0..1/);
    await expect(simulate(tiny(), data, { T: 2, monitors: [firingRates(), firingRates()] })).rejects.toThrow(/two monitors are named 'firingRates'/);
    await expect(simulate(tiny(), data, { T: 2, path: 'reference', monitors: [firingRates()] })).rejects.toThrow(/monitors need the chunked engine/);
  });

  it('tutorial CNN: SOPs next to the 1.39 M multiply-adds of the ANN', async () => {
    const snn = await tutorialSnn('99.9%', 200);
    expect(fanOut(snn, snn.nodes[1].name)).toBeCloseTo((11 * 11 * 32 * 288) / (13 * 13 * 32), 9);
    const { test } = await import('@snn/datasets').then((d) => d.loadEmbeddedMnist());
    const r = await simulate(snn, { ...test, n: 20 }, { T: 8, monitors: [synapticOps(), firingRates()], workers: 1 });
    const sop = r.monitors?.synapticOps as SopResult;
    expect(sop.annMacsPerImage).toBe(26 * 26 * 32 * 9 + 11 * 11 * 32 * 288 + 3 * 3 * 32 * 288 + 32 * 10);
    expect(sop.analogMacsPerImage).toBe(8 * 26 * 26 * 32 * 9);
    expect(sop.layers).toHaveLength(4);
    const rates = r.monitors?.firingRates as FiringRateResult;
    for (const l of sop.layers) expect(l.spikesPerImage).toBeCloseTo(rates[l.node].spikesPerImage, 9);
  });
});
