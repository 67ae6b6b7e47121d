// @snn/simulator's own worker pool (workers/pool.ts: runInWorkers) against tinypool on the same
// job: pieces of 40 samples (784 floats each, transferred), a fixed synthetic cost per sample, 2
// threads; each variant in the same process, alternating, 3 rounds. Prints seconds per variant and
// the ratio. Run after `pnpm build`: node bench/pool.bench.mjs
import { fileURLToPath } from 'node:url';
import { GraphBuilder } from '@snn/graph';
import { runInWorkers } from '../dist/node.js';
import Tinypool from 'tinypool';

const here = (f) => fileURLToPath(new URL(f, import.meta.url));
const PIECES = Number(process.env.POOL_PIECES ?? 200);
const COUNT = 40;
const OPS = Number(process.env.POOL_OPS ?? 20_000); // per sample
const THREADS = 2;

function* pieces() {
  for (let i = 0; i < PIECES; i++) {
    const x = new Float32Array(COUNT * 784).fill((i % 7) / 7 + 0.1);
    yield { x, labels: new Array(COUNT).fill(0), first: i * COUNT, count: COUNT, shape: [28, 28, 1] };
  }
}

async function ours() {
  let done = 0;
  async function* batches() {
    yield* pieces();
  }
  const b = new GraphBuilder();
  b.input('x', [784]);
  b.add({ name: 'id', op: 'Identity', inputs: ['x'] });
  const job = {
    graph: b.output('id').build(),
    T: OPS,
    encoder: { kind: 'constant' },
    monitors: [],
    engine: {},
    backend: 'wasm',
    workers: THREADS,
    batches: batches(),
    onBatch: (o) => {
      done += o.correct[0];
    },
  };
  await runInWorkers(job, here('./pool-ours-worker.mjs'));
  return done;
}

async function tinypool() {
  const pool = new Tinypool({ filename: here('./pool-tinypool-worker.mjs'), minThreads: THREADS, maxThreads: THREADS });
  const all = [];
  for (const p of pieces()) all.push(pool.run({ x: p.x, count: p.count, ops: OPS }, { transferList: [p.x.buffer] }));
  const done = (await Promise.all(all)).reduce((a, b) => a + b, 0);
  await pool.destroy();
  return done;
}

const time = async (f) => {
  const t0 = performance.now();
  const n = await f();
  if (n !== PIECES * COUNT) throw new Error(`expected ${PIECES * COUNT} samples, got ${n}`);
  return (performance.now() - t0) / 1000;
};

const rows = { ours: [], tinypool: [] };
for (let r = 0; r < 3; r++) {
  rows.ours.push(await time(ours));
  rows.tinypool.push(await time(tinypool));
}
const med = (a) => [...a].sort((x, y) => x - y)[1];
console.log(`| pool | seconds (3 rounds) | median |\n|---|---|---|`);
for (const [k, v] of Object.entries(rows)) console.log(`| ${k} | ${v.map((s) => s.toFixed(2)).join(', ')} | ${med(v).toFixed(2)} |`);
console.log(`ours / tinypool (median): ${(med(rows.ours) / med(rows.tinypool)).toFixed(2)} (below 1: ours is faster)`);
console.log(JSON.stringify({ PIECES, COUNT, OPS, THREADS, rows }));
