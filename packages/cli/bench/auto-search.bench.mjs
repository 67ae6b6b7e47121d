// `auto` conversion (calibration, bias corrections, every candidate's validation run, the pick's cost run) of the
// tutorial CNN and the Fashion ResNet, the previous bias correction against today's in one process (ratios on the
// same machine at the same time, alternating). previous: every bias-correction stage simulates its probe's whole
// cone from the images (convert() given `outputMeans` only); today: staged (`stagedMeans`: a stage replays what an
// earlier one recorded and simulates only the layers after it). Both must give the same SNN (sha-256 of every
// parameter), the same scores and the same costs ("same result").
// Run: node bench/auto-search.bench.mjs (after build; 2 cores). Env ROUNDS (default 1), MODELS (cnn,resnet), TS (the
// --T list auto is tuned for, as `snn eval --mode auto --T 64`; default 64).
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@snn/backend';
import { autoForTimes, autoRecipe, convert } from '@snn/converter';
import { loadData, parseDataFlags, stratifiedSubset } from '@snn/datasets';
import { importOnnx } from '@snn/onnx';
import { prestartWorkers } from '@snn/simulator';
import { calibrationBatches, fastOutputMeans, fastStagedMeans, trainingUse, VALIDATION_SCORE_IMAGES, validator } from '../dist/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixture = (n) => join(here, '../../onnx/test/fixtures', n);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const ALL = {
  cnn: { name: 'tutorial CNN', file: 'mnist_cnn_mnist.onnx', data: 'mnist', calibrate: undefined },
  resnet: { name: 'Fashion ResNet', file: 'resnet_fashion.onnx', data: 'fashion-mnist', calibrate: 3000 },
};
const MODELS = (process.env.MODELS ?? 'cnn,resnet').split(',').map((k) => ALL[k]);
const BATCH = 200; // snn eval's default --batch-size
const TS = (process.env.TS ?? '64').split(',').map(Number);
const cpu = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
const sha = (snn) => {
  const h = createHash('sha256');
  for (const n of snn.nodes) for (const [k, t] of Object.entries(n.params ?? {})) h.update(`${n.name}/${k}`).update(Buffer.from(t.dataSync().buffer));
  return h.digest('hex').slice(0, 16);
};

await initBackend();
prestartWorkers(); // as snn eval does
const rows = [];
for (const m of MODELS) {
  const ann = importOnnx(fixture(m.file));
  const { dataset } = await loadData(parseDataFlags({ data: m.data }));
  const use = trainingUse(dataset.train, { validation: 0.1, calibrate: m.calibrate });
  // as `snn eval --mode auto [--calibrate N]`: the recipe's cap is a stratified seeded subset; an explicit N replaces it
  const cap = autoRecipe(16).calibrationSamples;
  const split = m.calibrate ? use.calibration : stratifiedSubset(use.calibration, cap, 0).split;
  const recipe = { ...autoForTimes(TS), calibrationSamples: undefined };
  const run = async (how) => {
    const w = performance.now();
    const c = process.cpuUsage();
    const { snn, report } = await convert(ann, calibrationBatches(split), recipe, {
      validate: validator(use.validation, BATCH),
      outputMeans: fastOutputMeans,
      ...(how === 'today' ? { stagedMeans: fastStagedMeans } : {}),
    });
    const last = report.choices.at(-1);
    const out = { snn, scores: report.choices.map((ch) => ch.scores), costs: last.details[last.picked] };
    return { wall: (performance.now() - w) / 1000, cpu: cpu(c), key: JSON.stringify([sha(out.snn), out.scores, out.costs]) };
  };
  const row = { model: m.name, calibration: split.n, validation: Math.min(use.validation.n, VALIDATION_SCORE_IMAGES), previous: [], today: [] };
  for (let r = 0; r < ROUNDS; r++) for (const how of ['previous', 'today']) row[how].push(await run(how));
  row.same = new Set([...row.previous, ...row.today].map((x) => x.key)).size === 1;
  rows.push(row);
}
const mean = (xs, k) => xs.reduce((s, x) => s + x[k], 0) / xs.length;
console.log(
  `load average ${loadavg()[0].toFixed(1)}, ${ROUNDS} round(s), alternating; auto tuned for T = ${TS.join(',')} (snn eval --mode auto --T ${TS.join(',')})\n`,
);
console.log('| model | calibration / validation images | previous (wall s / CPU s) | today (wall s / CPU s) | previous ÷ today (wall) | same result |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const [pw, pc, tw, tc] = [mean(r.previous, 'wall'), mean(r.previous, 'cpu'), mean(r.today, 'wall'), mean(r.today, 'cpu')];
  console.log(
    `| ${r.model} | ${r.calibration} / ${r.validation} | ${pw.toFixed(2)} / ${pc.toFixed(2)} | ${tw.toFixed(2)} / ${tc.toFixed(2)} | ${(pw / tw).toFixed(2)} | ${r.same ? 'yes' : 'NO'} |`,
  );
}
console.log(JSON.stringify(rows.map(({ model, previous, today, same }) => ({ model, previous, today, same }))));
process.exit(0);
