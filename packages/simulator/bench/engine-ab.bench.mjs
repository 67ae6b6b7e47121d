// Same-process A/B of engine options on one thread: each variant's simulate() alternates with the others, timed
// in CPU seconds (robust on a shared machine where wall time is not), and its counts compared with the first's.
// Run: node packages/simulator/bench/engine-ab.bench.mjs SNN_DIR T N ROUNDS '[{"chunk":9},{"chunk":18}]'
// SNN_DIR is what `snn convert <model.onnx> --data mnist --output DIR` writes (graph.json, weights.bin); the images
// are the first N of the embedded MNIST test split. A variant's `env` object sets process.env before its runs
// (for a kernel switch read at run time). Round 0 is a warm-up. Prints one line per variant: CPU seconds per counted
// round, median, ratio to the first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { loadEmbeddedMnist } from '@snn/datasets';
import { loadGraph } from '@snn/graph';
import { simulate } from '@snn/simulator';

const [dir, T, n, rounds = '6', variants = '[{}]'] = process.argv.slice(2);
if (!dir || !T || !n || !(Number(rounds) >= 2)) {
  console.error('usage: engine-ab.bench.mjs SNN_DIR T N [ROUNDS ≥ 2, the first a warm-up] [VARIANTS_JSON]');
  process.exit(2);
}
await initBackend('wasm');
const ds = await loadEmbeddedMnist();
const snn = loadGraph(readFileSync(join(dir, 'graph.json'), 'utf8'), new Uint8Array(readFileSync(join(dir, 'weights.bin'))));
const N = Number(n);
const data = { ...ds.test, n: N, images: ds.test.images.subarray(0, N * 784), labels: ds.test.labels.subarray(0, N) };
const vs = JSON.parse(variants);
const cpu = vs.map(() => []);
const counts = vs.map(() => '');
for (let r = 0; r < Number(rounds); r++)
  for (const [k, { env, ...opts }] of vs.entries()) {
    for (const [name, value] of Object.entries(env ?? {})) process.env[name] = String(value);
    const c0 = process.cpuUsage();
    const res = await simulate(snn, data, { T: Number(T), workers: 1, ...opts });
    const u = process.cpuUsage(c0);
    if (r > 0) cpu[k].push((u.user + u.system) / 1e6); // round 0 warms up (first-call costs, tier-up): not counted
    counts[k] = res.correct.join(',');
  }
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
for (const [k, o] of vs.entries())
  console.log(
    `${JSON.stringify(o)}: CPU s ${cpu[k].map((x) => x.toFixed(2)).join(' ')}; median ${median(cpu[k]).toFixed(3)}; ` +
      `${(median(cpu[0]) / median(cpu[k])).toFixed(3)}× the first; same counts as the first: ${counts[k] === counts[0]}`,
  );
