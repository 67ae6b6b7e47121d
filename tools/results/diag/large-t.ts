// Diagnosis (validation split only): how `auto`'s accuracy moves from T=32 to T=200 on a fixture, for the
// recipe `snn eval --mode auto --T 4,…,200` picks and variants of its bias correction. Prints one line per variant.
//   (from packages/cli) node ../../tools/run-ts.mjs ../../tools/results/diag/large-t.ts <fixture> [--data fashion-mnist|mnist] [--val 3000] [--calibrate 3000] [--only 'variant,…']
import { parseArgs } from 'node:util';
import { initBackend } from '@snn/backend';
import { calibrationBatches, fastOutputMeans } from '@snn/cli';
import { autoRecipe, convert, type Recipe } from '@snn/converter';
import { loadDataset, stratifiedSubset, validationSplit } from '@snn/datasets';
import { evaluate } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { simulate } from '@snn/simulator';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { val: { type: 'string' }, calibrate: { type: 'string' }, data: { type: 'string' }, only: { type: 'string' } },
});
const model = positionals[0];
await initBackend('wasm');
const data = await loadDataset(values.data ?? 'fashion-mnist');
const split = validationSplit(data.train, { seed: 0 });
const val = stratifiedSubset(split.validation, Number(values.val ?? 3000), 0).split;
const cal = stratifiedSubset(split.calibration, Number(values.calibrate ?? 3000), 0).split;
const ann = await importOnnx(`${process.cwd()}/../onnx/test/fixtures/${model}.onnx`); // run from packages/cli
const picked: Recipe = { ...autoRecipe(4, 1, true), choices: undefined };
const variants: Array<[string, Recipe]> = [
  ['auto as picked', picked],
  ['bias correction off', { ...picked, biasCorrection: false, potentialCalibration: undefined, biasCorrectionT: undefined }],
  ['bias correction over 128 steps', { ...picked, biasCorrectionT: 128 }],
  ['bias correction on 128 images', { ...picked, biasCorrectionSamples: 128 }],
  ['bias correction on 512 images', { ...picked, biasCorrectionSamples: 512 }],
  ['fading correction', { ...picked, fadeCorrection: true }],
  ['fading correction over 8 steps', { ...picked, fadeCorrection: true, biasCorrectionT: 8 }],
  ['fading correction over 16 steps', { ...picked, fadeCorrection: true, biasCorrectionT: 16 }],
];
const only = values.only?.split(',');
const Ts = [4, 8, 16, 32, 64, 100, 200];
console.log(`${model}: ANN ${(100 * (await evaluate(ann, val)).accuracy).toFixed(2)} on ${val.n} validation images`);
for (const [name, recipe] of variants.filter(([n]) => !only || only.some((o) => n === o))) {
  const { snn } = await convert(ann, calibrationBatches(cal), { ...recipe, calibrationSamples: undefined }, { outputMeans: fastOutputMeans });
  const r = await simulate(snn, val, { T: 200, batchSize: 100 });
  console.log(`${name.padEnd(32)} ${Ts.map((t) => `T=${t} ${(100 * r.accuracy[t - 1]).toFixed(2)} (${r.correct[t - 1]})`).join('  ')}`);
}
