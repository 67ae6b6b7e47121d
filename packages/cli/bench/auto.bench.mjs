// `auto` conversion time (the whole search: calibration, bias correction, every validation candidate) on the
// tutorial CNN and the Fashion ResNet, with bias correction through the fast engine and through the step-by-step
// reference, in one process so the figures are ratios on the same machine at the same time.
// Run: pnpm --filter @snn/cli bench (after build). Prints a markdown table, then one JSON object.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@snn/backend';
import { autoRecipe, convert, referenceOutputMeans } from '@snn/converter';
import { loadData, parseDataFlags } from '@snn/datasets';
import { importOnnx } from '@snn/onnx';
import { calibrationBatches, fastOutputMeans, trainingUse, VALIDATION_SCORE_IMAGES, validator } from '../dist/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixture = (n) => join(here, '../../onnx/test/fixtures', n);
const MODELS = [
  { name: 'tutorial CNN', file: 'mnist_cnn_mnist.onnx', data: 'mnist', calibrate: undefined },
  { name: 'Fashion ResNet', file: 'resnet_fashion.onnx', data: 'fashion-mnist', calibrate: 3000 },
];
const AUTO_CALIBRATION = autoRecipe(16).calibrationSamples;
const cpu = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

await initBackend();
const rows = [];
for (const m of MODELS) {
  const ann = importOnnx(fixture(m.file));
  const { dataset } = await loadData(parseDataFlags({ data: m.data }));
  const use = trainingUse(dataset.train, { validation: 0.1, calibrate: m.calibrate });
  const row = {
    model: m.name,
    calibration: Math.min(use.calibration.n, m.calibrate ?? AUTO_CALIBRATION),
    validation: Math.min(use.validation.n, VALIDATION_SCORE_IMAGES),
  };
  for (const [engine, outputMeans] of [
    ['fast', fastOutputMeans],
    ['reference', referenceOutputMeans],
  ]) {
    const w = performance.now();
    const c = process.cpuUsage();
    // as `snn eval --mode auto [--calibrate N]`: an explicit calibration size replaces the recipe's cap
    const recipe = m.calibrate ? { ...autoRecipe(16), calibrationSamples: undefined } : autoRecipe(16);
    const { report } = await convert(ann, calibrationBatches(use.calibration), recipe, { validate: validator(use.validation, 200), outputMeans });
    row[engine] = { wall: (performance.now() - w) / 1000, cpu: cpu(c), picked: report.choices.map((ch) => ch.picked) };
  }
  rows.push(row);
}
console.log(`load average ${loadavg()[0].toFixed(1)}\n`);
console.log(
  '| model | calibration / validation images | auto, fast engine (wall s / CPU s) | auto, reference bias correction (wall s / CPU s) | reference ÷ fast (CPU) |',
);
console.log('|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.model} | ${r.calibration} / ${r.validation} | ${r.fast.wall.toFixed(2)} / ${r.fast.cpu.toFixed(2)} | ${r.reference.wall.toFixed(2)} / ${r.reference.cpu.toFixed(2)} | ${(r.reference.cpu / r.fast.cpu).toFixed(2)} |`,
  );
console.log(JSON.stringify(rows));
