import { initBackend } from '@snn/backend';
import { GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tiny } from '../tiny-graph.fixture.js';
import { convert } from '../convert.js';
import { correctBiases } from '../passes/bias-correction.js';
import { type OutputMeansFn, referenceOutputMeans } from '../passes/output-means.js';
import { autoRecipe } from '../recipes.js';
import { makeChoices } from './choices.js';
import { outputCone } from './output-cone.js';
import { sharedOutputMeans } from './shared-means.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** Four calibration images for {@link tiny}, one batch. */
const fourImages = () => [
  tf.tensor2d([
    [0.3, 0.7],
    [1, 0.2],
    [0.05, 0.9],
    [2, 0.4],
  ]),
];

/** x → one IF neuron (θ = 1, V₀ = θ/2, reset by subtraction, output S·θ). */
function oneIF() {
  const b = new GraphBuilder();
  b.input('x', [1]);
  b.add({
    name: 'if',
    op: 'IF',
    inputs: ['x'],
    attrs: { neuron: { vThreshold: 1, vReset: null, v0: { fractionOfThreshold: 0.5 } }, amplitude: 'threshold' },
  });
  return b.output('if').build();
}

describe('referenceOutputMeans', () => {
  it('is the mean over images and steps (hand-derived IF with V₀ = θ/2)', async () => {
    // x = 0.3: V 0.8, 1.1 → spike (0.1), 0.4, 0.7 → 1 spike in 4 steps; x = 1: a spike every step
    const g = oneIF();
    const m = await referenceOutputMeans(g, { images: Float32Array.of(0.3, 1), n: 2, shape: [1] }, 4);
    expect(Array.from(m)).toEqual([(0.25 + 1) / 2]);
    // up to t = 2 and t = 4 from one run (potential calibration's two horizons): 1 spike by t = 2 for x = 0.3
    const at = await referenceOutputMeans(g, { images: Float32Array.of(0.3, 1), n: 2, shape: [1] }, 4, [2, 4]);
    expect(Array.from(at)).toEqual([(0.5 + 1) / 2, (0.25 + 1) / 2]);
  });
});

describe('bias correction through an injected engine', () => {
  it('asks the engine for each probe at the T it is given and matches the reference', async () => {
    const xs = () => [
      tf.tensor2d([
        [0.3, 0.7],
        [1, 0.2],
      ]),
    ];
    const { snn } = await convert(tiny(), xs, { ...autoRecipe(4), choices: undefined, biasCorrection: false });
    const calls: Array<[readonly string[], number]> = [];
    const spy: OutputMeansFn = async (g, d, T) => {
      calls.push([g.outputs, T]);
      return referenceOutputMeans(g, d, T);
    };
    const a = await correctBiases(tiny(), snn, xs(), 6, { outputMeans: spy });
    const b = await correctBiases(tiny(), snn, xs(), 6);
    expect(calls).toEqual([[['fc2'], 6]]);
    expect(Array.from(await a.graph.node('fc2').params.bias.data())).toEqual(Array.from(await b.graph.node('fc2').params.bias.data()));
    expect(a.corrections[0].meanAbsShift).toBeGreaterThan(0);
  });
});

describe('bias correction of a convolution', () => {
  it('asks for per-channel means (the probe pooled), equal to the per-element means averaged by hand', async () => {
    // x [2, 2, 1] → c1 (1×1, w 1) → r1 (ReLU → IF) → c2 (1×1, 1 → 2 channels, w [1, 2]) → out (accumulated)
    const b = new GraphBuilder();
    b.input('x', [2, 2, 1]);
    b.add({ name: 'c1', op: 'Conv2d', inputs: ['x'], params: { weight: tf.ones([1, 1, 1, 1]), bias: tf.zeros([1]) } });
    b.add({ name: 'r1', op: 'ReLU', inputs: ['c1'] });
    b.add({ name: 'c2', op: 'Conv2d', inputs: ['r1'], params: { weight: tf.tensor4d([1, 2], [1, 1, 1, 2]), bias: tf.zeros([2]) } });
    b.add({ name: 'out', op: 'ReLU', inputs: ['c2'] });
    const ann = b.output('out').build();
    const xs = () => [tf.tensor4d([0.3, 0.7, 1, 0.2, 0.05, 0.9, 2, 0.4], [2, 2, 2, 1])];
    const { snn } = await convert(ann, xs, { ...autoRecipe(4), choices: undefined, biasCorrection: false });
    const asked: Array<readonly string[]> = [];
    const spy: OutputMeansFn = async (g, d, T) => {
      asked.push(g.outputs);
      return referenceOutputMeans(g, d, T);
    };
    const { graph } = await correctBiases(ann, snn, xs(), 5, { outputMeans: spy });
    expect(asked).toEqual([['c2/bias-correction-mean']]);
    // by hand: the ANN's channel means minus the SNN's per-element means at c2, averaged over the 4 positions
    const x = xs()[0];
    const perElement = await referenceOutputMeans(snn.with({ outputs: ['c2'] }), { images: (await x.data()) as Float32Array, n: 2, shape: [2, 2, 1] }, 5);
    const inputMean = (0.3 + 0.7 + 1 + 0.2 + 0.05 + 0.9 + 2 + 0.4) / 8; // the ANN's c2 = [1, 2]·ReLU(x): all x ≥ 0
    const want = [0, 1].map((c) => (c + 1) * inputMean - [0, 1, 2, 3].reduce((a, p) => a + perElement[2 * p + c], 0) / 4);
    const got = Array.from(await graph.node('c2').params.bias.data());
    for (const [c, w] of want.entries()) expect(got[c]).toBeCloseTo(w, 6);
    x.dispose();
  });
});

describe('auto search', () => {
  it('calibrates once for every candidate, scores the mean over T/2, T, 2T, 8T, and reports each option', async () => {
    const x = tf.tensor2d([
      [0.3, 0.7],
      [1, 0.2],
      [0.05, 0.9],
    ]);
    let walks = 0;
    const data = () =>
      (function* () {
        walks++;
        yield x;
      })();
    const asked: string[] = [];
    const { snn, report } = await convert(tiny(), data, autoRecipe(4), {
      validate: async (_g, T, o) => {
        asked.push(`${T}${o?.costs ? ' costs' : ''}`);
        return { accuracy: Array.from({ length: T }, (_, t) => (t + 1) / 100), spikesPerImage: Array(T).fill(3), sopsPerImage: Array(T).fill(5) };
      },
    });
    // every candidate ties (the same curve): each choice keeps its first option
    expect(report.choices?.map((c) => c.picked)).toEqual(['T=4', 'on, ½ the start-up charge in V₀ (over 32 steps, fading after them)', 'from step 1']);
    const mean = (0.02 + 0.04 + 0.08 + 0.32) / 4;
    expect(report.choices?.[0]).toMatchObject({ T: 32, Ts: [2, 4, 8, 32], scores: { 'T=4': mean, 'T=16': mean } });
    expect(report.choices?.[0].details?.['T=16']).toEqual({
      accuracy: { 2: 0.02, 4: 0.04, 8: 0.08, 32: 0.32 },
      spikesPerImage: { 2: 3, 4: 3, 8: 3, 32: 3 },
      sopsPerImage: { 2: 5, 4: 5, 8: 5, 32: 5 },
    });
    expect(Object.keys(report.choices?.[1].scores ?? {})).toEqual(['on, ½ the start-up charge in V₀ (over 32 steps, fading after them)', 'off']);
    expect(Object.keys(report.choices?.[2].scores ?? {})).toEqual(['from step 1', 'from step 2', 'from step 3']);
    // 5 candidates (the first bias-correction option with T=4 thresholds is the first candidate again, and so is the
    // first readout option: not rebuilt), each scored; then the pick once more, for its spikes and SOPs. The data is
    // walked once to calibrate, then once per bias correction: T=4 and T=16 (choice 1) correct their biases, 'off'
    // (choice 2) does not, and 'from step 2' / 'from step 3' (choice 3) are the picked SNN read from a later step: a
    // readout delay is applied after the bias correction and cannot change it, so they reuse the pick's (it was 1 + 4
    // while each delay corrected its biases again, with the same corrections)
    expect(asked).toEqual(['32', '32', '32', '32', '32', '32 costs']);
    expect(walks).toBe(1 + 2);
    expect(snn.node('r1').op).toBe('IF');
    x.dispose();
  });

  it('the cached calibration gives the thresholds a fresh calibration gives', async () => {
    const cache = new Map();
    const t16 = { ...autoRecipe(4), choices: undefined, mode: { kind: 'targetT' as const, T: 16, v0Fraction: 0.5 } };
    await convert(tiny(), fourImages, { ...autoRecipe(4), choices: undefined }, { calibrationCache: cache });
    const cached = await convert(tiny(), fourImages, t16, { calibrationCache: cache });
    const fresh = await convert(tiny(), fourImages, t16);
    expect(cached.report.layers).toEqual(fresh.report.layers);
    expect(cached.report.calibration.samples).toBe(4);
  });

  it('auto-burst: IF neurons that fire up to 2 spikes per step, θ tuned for 2·T levels', async () => {
    const { snn } = await convert(tiny(), fourImages, { ...autoRecipe(4, 2), choices: undefined });
    expect(snn.node('r1').attrs.neuron).toMatchObject({ maxSpikes: 2, v0: { fractionOfThreshold: 0.5 } });
  });

  it('a scorer returning one number still works (the accuracy at T)', async () => {
    const r = await makeChoices(
      { ...autoRecipe(4), choices: [{ name: 'c', options: [{ label: 'a', patch: {} }] }] },
      async (q) => q,
      async () => 0.5,
    );
    expect(r.choices[0]).toEqual({ name: 'c', picked: 'a', by: 'validation', scores: { a: 0.5 }, T: 32 });
  });

  it('marks stage `score` after each validation run (what --profile charges the runs to)', async () => {
    const heard: string[] = [];
    const validate = async () => {
      heard.push('run');
      return { accuracy: [0.5, 0.5, 0.5, 0.5] };
    };
    const recipe = {
      ...autoRecipe(1),
      scoreTs: [4],
      choices: [
        {
          name: 'c',
          options: [
            { label: 'a', patch: {} },
            { label: 'b', patch: { v0Fraction: 0 } },
          ],
        },
      ],
    };
    await makeChoices(recipe, async (q) => q, validate, { onProgress: (e) => heard.push(`${e.stage} ${e.batch}`) });
    expect(heard).toEqual(['run', 'score 1', 'run', 'score 2', 'run', 'score 3']); // 2 candidates, then the pick's costs
    heard.length = 0; // costs: false (snn demo, which drops the report): no cost run, no costs recorded
    const r = await makeChoices(recipe, async (q) => q, validate, { onProgress: (e) => heard.push(`${e.stage} ${e.batch}`), costs: false });
    expect(heard).toEqual(['run', 'score 1', 'run', 'score 2']);
    expect(r.choices[0].details?.a?.spikesPerImage).toBeUndefined();
  });

  it('builds one candidate at a time, scores each alongside the next build, and picks as one by one would', async () => {
    const log: string[] = [];
    const tick = () => new Promise((r) => setTimeout(r, 5));
    const build = async (q: { v0Fraction?: number }) => {
      log.push(`build ${q.v0Fraction} start`);
      await tick();
      log.push(`build ${q.v0Fraction} end`);
      return q.v0Fraction ?? 0;
    };
    const validate = async (v: number) => {
      log.push(`score ${v} start`);
      await tick();
      await tick();
      log.push(`score ${v} end`);
      return { accuracy: [v === 0.25 ? 0.9 : 0.5] };
    };
    const options = [0, 0.25, 0.5].map((f) => ({ label: `f=${f}`, patch: { v0Fraction: f } }));
    const r = await makeChoices({ ...autoRecipe(1), scoreTs: [1], choices: [{ name: 'v0', options }] }, build, validate);
    expect(r.choices[0]).toMatchObject({ picked: 'f=0.25', scores: { 'f=0': 0.5, 'f=0.25': 0.9, 'f=0.5': 0.5 } });
    expect(r.result).toBe(0.25);
    const at = (e: string) => log.indexOf(e);
    expect(at('build 0.25 start')).toBeGreaterThan(at('build 0 end')); // builds never overlap
    expect(at('build 0.5 start')).toBeGreaterThan(at('build 0.25 end'));
    expect(at('build 0.25 start')).toBeLessThan(at('score 0 end')); // the first score runs alongside the second build
  });

  it('shares a bias-correction stage between candidates: the means up to t of an earlier run of an equal graph on equal images', async () => {
    const g = oneIF();
    const data = () => ({ images: Float32Array.of(0.3, 1), n: 2, shape: [1] });
    let runs = 0;
    const shared = sharedOutputMeans(async (q, d, T, at) => {
      runs++;
      return referenceOutputMeans(q, d, T, at);
    });
    const long = await shared(g, data(), 4, [2, 4]);
    const short = await shared(g.with({}), data(), 2, [2]); // another graph object, the same content; other image arrays, the same values
    expect(runs).toBe(1);
    expect(Array.from(short)).toEqual([Array.from(long)[0]]);
    expect(Array.from(short)).toEqual(Array.from(await referenceOutputMeans(g, data(), 2))); // what a run of its own gives (hand-derived above: (0.5 + 1) / 2)
    const concurrent = sharedOutputMeans(async (q, d, T, at) => {
      runs++;
      return referenceOutputMeans(q, d, T, at);
    });
    const [first, second] = await Promise.all([concurrent(g, data(), 4, [2, 4]), concurrent(g, data(), 2, [2])]); // the second waits for the first
    expect(runs).toBe(2);
    expect([Array.from(first), Array.from(second)]).toEqual([Array.from(long), Array.from(short)]);
    await shared(g, { ...data(), images: Float32Array.of(0.3, 0.9) }, 2, [2]); // other images
    await shared(g, data(), 8, [8]); // a step not measured
    expect(runs).toBe(4);
  });

  it('auto on the tiny graph: a candidate corrected with a shared stage gets the parameters a conversion of its own gives', async () => {
    const x = tf.tensor2d([
      [0.3, 0.7],
      [1, 0.2],
      [0.05, 0.9],
    ]);
    const data = () => [x];
    let scored = 0;
    const validate = async (_g: unknown, T: number) => ({ accuracy: Array(T).fill(++scored === 2 ? 1 : 0) }); // the second candidate wins
    let calls = 0;
    const counted: OutputMeansFn = async (q, d, T, at) => {
      calls++;
      return referenceOutputMeans(q, d, T, at);
    };
    const auto = autoRecipe(4);
    const [half] = auto.choices?.[1].options ?? [];
    // bias only, measured over half the ½-charge run's steps (its first horizon)
    const biasOnly = {
      label: 'bias only',
      patch: { biasCorrection: true, potentialCalibration: undefined, biasCorrectionT: (half.patch.biasCorrectionT as number) / 2 },
    };
    // the ½-charge candidate is scored in an earlier choice, a bias-only one in a later one
    const recipe = {
      ...auto,
      choices: [
        { name: 'first', options: [half] },
        { name: 'bias-correction', options: [half, biasOnly] },
      ],
    };
    const shared = await convert(tiny(), data, recipe, { validate, outputMeans: counted });
    expect(shared.report.choices?.[1].picked).toBe(biasOnly.label);
    expect(calls).toBe(1); // tiny has one correctable layer: the bias-only correction's one stage is the ½-charge run's first horizon
    const alone = await convert(tiny(), data, { ...auto, ...biasOnly.patch, choices: undefined });
    const params = async (q: typeof shared.snn) => Promise.all(q.nodes.flatMap((n) => Object.values(n.params)).map(async (t) => Array.from(await t.data())));
    expect(await params(shared.snn)).toEqual(await params(alone.snn));
    x.dispose();
  });

  it('simulates a probe graph cut to what its output reads (outputCone): the same means, fewer nodes', async () => {
    const x = () => [
      tf.tensor2d([
        [0.3, 0.7],
        [1, 0.2],
      ]),
    ];
    const { snn } = await convert(tiny(), x, { ...autoRecipe(4), choices: undefined, biasCorrection: false });
    const probe = snn.with({ outputs: ['r1'] }); // fc1 → r1 (IF); fc2 is not read
    const cone = outputCone(probe);
    expect(cone.nodes.map((n) => n.name)).toEqual(['fc1', 'r1']);
    expect(probe.nodes.map((n) => n.name)).toEqual(['fc1', 'r1', 'fc2']); // auto's output accumulates: the last ReLU is gone
    expect(outputCone(snn)).toBe(snn); // nothing to cut
    const data = { images: Float32Array.of(0.3, 0.7, 1, 0.2), n: 2, shape: [2] };
    expect(Array.from(await referenceOutputMeans(cone, data, 6, [3, 6]))).toEqual(Array.from(await referenceOutputMeans(probe, data, 6, [3, 6])));
  });
});
