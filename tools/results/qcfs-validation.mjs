// The qcfs section's validation figures (what its choices were made on): for each QCFS model folder
// trained by `snn train`, on the validation images it held out (`holdOutValidation`, the split `auto`
// and every choice score on), the ANN at its own L and with every QCFS set to L = 8, 4, 2, and the SNN
// of `--mode qcfs` (θ = λ, V₀ = θ/2, no calibration) at T = 1..32 with spikes and SOPs per image; and
// per QCFS layer at T = 2, 4, 8, the SNN's spikes per image next to Σ of the ANN's levels with L set to T
// (ŷ·T/λ: what T steps of binary spikes must count for the SNN to equal that ANN).
//
// With --bn 8,4,2, each model again with its BatchNorm re-estimated (on the training images outside the
// validation part, weights untouched) with every QCFS at each L: what `snn train`'s re-estimate L was chosen on.
//
//   node tools/results/qcfs-validation.mjs [--bn 8,4,2] MODEL [MODEL ...]   (a folder or an .onnx; after pnpm build; JSON lines)
import { parseArgs } from 'node:util';
import { holdOutValidation, calibrationBatches, startBackend } from '@snn/cli';
import { convert, qcfsRecipe } from '@snn/converter';
import { batches, loadData, VALIDATION_FRACTION } from '@snn/datasets';
import { evaluate, execute, readGraph, reestimateBatchNorm } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { simulate, synapticOps } from '@snn/simulator';
import * as tf from '@tensorflow/tfjs-core';

const TS = [1, 2, 4, 8, 16, 32];
const withLevels = (g, q, L) => g.with({ update: Object.fromEntries(q.map((n) => [n.name, { attrs: { ...n.attrs, levels: L } }])) });

/** Per QCFS node: Σ over its outputs of ŷ·L/λ (the level index), per image, on `split`. */
function levelCounts(g, q, L, split) {
  const h = withLevels(g, q, L);
  const sums = q.map(() => 0);
  for (const { x, y } of batches(split, { batchSize: 100 })) {
    const { outputs, taps } = execute(h, x, { taps: q.map((n) => n.name) });
    q.forEach((n, i) => {
      sums[i] += tf.tidy(() => tf.sum(tf.mul(tf.div(taps[n.name], n.params.lambda), L)).dataSync()[0]);
    });
    tf.dispose([x, y, ...outputs, ...Object.values(taps)]);
  }
  return sums.map((v) => v / split.n);
}

await startBackend();
const { dataset } = await loadData({ data: 'mnist' });
const held = holdOutValidation(dataset.train, VALIDATION_FRACTION);
/** One JSON line of figures for graph `g` on the validation part. */
async function measure(g, extra) {
  const q = g.nodes.filter((n) => n.op === 'QCFS');
  const ann = {};
  for (const L of [q[0].attrs.levels, 8, 4, 2]) ann[L] = (await evaluate(withLevels(g, q, L), held.validation, { batchSize: 100 })).accuracy;
  const { snn } = await convert(g, calibrationBatches(held.rest, 100), qcfsRecipe());
  const r = await simulate(snn, held.validation, { T: TS.at(-1), batchSize: 100, monitors: [synapticOps()] });
  const s = r.monitors.synapticOps;
  const at = (T) => ({ accuracy: r.accuracy[T - 1], spikesPerImage: s.spikesUpTo[T - 1], sopsPerImage: s.sopsUpTo[T - 1] });
  const layers = {};
  for (const T of extra.layers ? [2, 4, 8] : []) {
    const sT = (await simulate(snn, held.validation, { T, batchSize: 100, monitors: [synapticOps()] })).monitors.synapticOps;
    const levels = levelCounts(g, q, T, held.validation);
    layers[T] = q.map((n, i) => ({ node: n.name, snnSpikes: (sT.layers.find((l) => l.node === n.name) ?? sT.layers[i]).spikesPerImage, annLevels: levels[i] }));
  }
  console.log(JSON.stringify({ ...extra, levels: q[0].attrs.levels, validation: held.info, ann, snn: Object.fromEntries(TS.map((T) => [T, at(T)])), layers }));
}

const { values, positionals } = parseArgs({ options: { bn: { type: 'string' } }, allowPositionals: true });
for (const path of positionals) {
  const g = path.endsWith('.onnx') ? await importOnnx(path) : await readGraph(path);
  await measure(g, { model: path, layers: true });
  // --bn 8,4,2: BatchNorm re-estimated from scratch (weights untouched) with every QCFS at each L in turn
  for (const L of values.bn?.split(',').map(Number) ?? [])
    await measure(reestimateBatchNorm(g, held.rest, { batchSize: 100, levels: L }), { model: path, bn: L });
}
