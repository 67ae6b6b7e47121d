#!/usr/bin/env node
// `node tools/results/train.mjs [folder…]`: trains the qcfs section's models (all three, or the folders
// named, e.g. .tmp/results/qcfs8) the way the section does (model-cache.mjs: reused when the command and
// the training sources are unchanged), without measuring anything. So the section's training (about 3
// CPU-minutes a model) can run ahead of it, one model per job on a shared machine.
import { trainedModel } from './model-cache.mjs';
import { MODELS } from './sections/50-qcfs.mjs';

const mine = MODELS.filter((m) => m.train);
const asked = process.argv.slice(2);
const unknown = asked.filter((p) => !mine.some((m) => m.path === p.replace(/\/$/, '')));
if (unknown.length) {
  console.error(`train: no model folder ${unknown.join(', ')} in the qcfs section (${mine.map((m) => m.path).join(', ')})`);
  process.exit(2);
}
for (const m of mine.filter((m) => !asked.length || asked.some((p) => p.replace(/\/$/, '') === m.path))) {
  const log = [];
  const t0 = performance.now();
  const made = trainedModel(m.path, m.train, log);
  console.error(
    `train: ${m.path} ${made.reused ? `reused (trained ${made.trainedAt} at ${made.commit})` : 'trained'} in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${log.join('; ')}`,
  );
}
