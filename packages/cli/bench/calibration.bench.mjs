// The ANN passes every `snn eval` pays before it simulates, old path against new in one process (ratios on the same
// machine at the same time): the ANN test pass (2,004 MNIST test images), the 99.9 % calibration pass (SpikingJelly's
// statistics on the 7,196 calibration images, batches of 100), auto's (exact histograms, 2,000 images), the demo's
// shared pass (all 7 modes), and the ANN pass + 99.9 % calibration together as `snn eval` runs them.
// old: everything on this thread, one pass after the other. new: the ANN worker thread takes the test pass and part
// of each calibration pass (AnnThread, threadHelper). Thresholds are checked equal between the two. One row more, both
// sides on this thread: the 99.9 % per-batch statistic by tf.topk (old) against selection from the tensor's values
// in place (new: highQuantile on the wasm heap, no read-back copy).
// Run: node bench/calibration.bench.mjs (after build; 2 cores). Env ROUNDS (default 2). Prints a table, then JSON.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend } from '@snn/backend';
import { convert, normStrategy, parseMode, registerNormStrategy, sharedCalibration, topkQuantile } from '@snn/converter';
import { loadData, parseDataFlags } from '@snn/datasets';
import { evaluate } from '@snn/graph';
import { importOnnx } from '@snn/onnx';
import { AnnThread, calibrationBatches, threadHelper, trainingUse } from '../dist/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const ROUNDS = Number(process.env.ROUNDS ?? 2);
await initBackend();
const ann = importOnnx(join(here, '../../onnx/test/fixtures/mnist_cnn_mnist.onnx'));
const { dataset } = await loadData(parseDataFlags({ data: 'mnist' }));
const use = trainingUse(dataset.train, { validation: 0.1 });
const thread = AnnThread.shared();
if (!thread) throw new Error('the ANN worker did not start (one core, or dist/ann-worker.js missing)');
const noSearch = (m) => ({ ...parseMode(m), choices: undefined, biasCorrection: false });
const DEMO = ['max', '99.9%', '1/2', '1/3', '1/4', '1/5', 'auto'].map(noSearch);

const timed = async (f) => {
  const w = performance.now();
  const c = process.cpuUsage();
  const out = await f();
  const u = process.cpuUsage(c);
  return { wall: (performance.now() - w) / 1000, cpu: (u.user + u.system) / 1e6, out };
};
const thresholds = (reports) => JSON.stringify(reports.map((r) => r.layers.map((l) => l.threshold)));
const calibrateAll = async (recipes, helped) => {
  const cache = Object.assign(sharedCalibration(recipes), helped ? { helper: threadHelper(thread) } : {});
  const reports = [];
  for (const r of recipes) reports.push((await convert(ann, calibrationBatches(use.calibration), r, { calibrationCache: cache })).report);
  return thresholds(reports);
};
const annAside = async () => {
  const id = thread.graphId(ann);
  const m = await thread.ask({ type: 'accuracy', id, images: dataset.test.images, labels: dataset.test.labels, n: dataset.test.n, batchSize: 200 });
  return m.correct;
};
const PERCENTILE = normStrategy({ kind: 'percentile', p: 99.9 });
const TOPK = { ...PERCENTILE, deviceBatchStatistic: (t, m) => topkQuantile(t, m.p / 100) };
const withStrategy = (s, f) => async () => {
  registerNormStrategy(s);
  try {
    return await f();
  } finally {
    registerNormStrategy(PERCENTILE);
  }
};
const ROWS = {
  'calibration, 99.9 %, this thread: tf.topk → in-place selection': [
    withStrategy(TOPK, () => calibrateAll([noSearch('99.9%')], false)),
    withStrategy(PERCENTILE, () => calibrateAll([noSearch('99.9%')], false)),
  ],
  'ANN test pass (2,004 images)': [async () => (await evaluate(ann, dataset.test, { batchSize: 200 })).correct, annAside],
  'calibration, 99.9 % (7,196 images)': [() => calibrateAll([noSearch('99.9%')], false), () => calibrateAll([noSearch('99.9%')], true)],
  'calibration, auto (2,000 images)': [() => calibrateAll([noSearch('auto')], false), () => calibrateAll([noSearch('auto')], true)],
  'calibration, the demo’s 7 modes in one pass': [() => calibrateAll(DEMO, false), () => calibrateAll(DEMO, true)],
  'ANN pass + 99.9 % calibration (snn eval)': [
    async () => [(await evaluate(ann, dataset.test, { batchSize: 200 })).correct, await calibrateAll([noSearch('99.9%')], false)],
    async () => {
      const a = annAside();
      const t = await calibrateAll([noSearch('99.9%')], true);
      return [await a, t];
    },
  ],
};
await annAside(); // the worker warm, as `snn eval` finds it after loading
const load = [loadavg()[0]];
const rows = [];
for (const [name, [old, now]] of Object.entries(ROWS)) {
  const r = { name, old: [], new: [] };
  for (let k = 0; k < ROUNDS; k++) {
    r.old.push(await timed(old));
    r.new.push(await timed(now));
  }
  r.same =
    r.old.every((o) => JSON.stringify(o.out) === JSON.stringify(r.new[0].out)) && r.new.every((o) => JSON.stringify(o.out) === JSON.stringify(r.new[0].out));
  rows.push(r);
}
load.push(loadavg()[0]);
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const f = (x) => x.toFixed(2);
console.log(`| pass (median of ${ROUNDS}) | old wall / CPU s | new wall / CPU s | old ÷ new (wall) | same result |`);
console.log('|---|---|---|---|---|');
for (const r of rows) {
  const [ow, oc, nw, nc] = [med(r.old.map((x) => x.wall)), med(r.old.map((x) => x.cpu)), med(r.new.map((x) => x.wall)), med(r.new.map((x) => x.cpu))];
  console.log(`| ${r.name} | ${f(ow)} / ${f(oc)} | ${f(nw)} / ${f(nc)} | ${f(ow / nw)}× | ${r.same ? 'yes' : 'NO'} |`);
}
console.log(`\nLoad average ${f(load[0])} → ${f(load[1])}.`);
console.log(
  JSON.stringify(
    rows.map((r) => ({ name: r.name, same: r.same, old: r.old.map(({ wall, cpu }) => ({ wall, cpu })), new: r.new.map(({ wall, cpu }) => ({ wall, cpu })) })),
  ),
);
await thread.close();
