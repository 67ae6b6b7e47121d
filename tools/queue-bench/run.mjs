// The measured run behind issue 17's "Done when" (numbers in /work/notes/queue.md come from here):
//   node tools/queue-bench/run.mjs [--limit N] [--T 8,16,32,64] [--workers 1,2,3] [--sweep-limit N]
// Starts its own redis-server on 127.0.0.1 at a free port, runs `snn eval` of the tutorial CNN
// locally and through the queue with 1, 2, 3 `snn worker` processes (and once with a worker killed
// mid-shard), checks the JSON is byte-identical apart from timing, then a sweep of 3 recipes × the
// T list × 2 models locally and through the queue, and prints what it measured. Needs `pnpm build`.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'packages/cli/dist/bin.js');
const fx = (f) => join(root, 'packages/onnx/test/fixtures', f);
const { values: o } = parseArgs({
  options: {
    limit: { type: 'string' },
    T: { type: 'string', default: '8,16,32,64' },
    workers: { type: 'string', default: '1,2,3' },
    'sweep-limit': { type: 'string', default: '500' },
  },
});
const children = new Set();
const port = await new Promise((r) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => r(p));
  });
});
const url = `redis://127.0.0.1:${port}`;

function start(cmd, args) {
  const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(p);
  p.text = '';
  const add = (d) => {
    p.text += d;
  };
  p.stdout.on('data', add);
  p.stderr.on('data', add);
  p.done = new Promise((r) =>
    p.once('exit', (code) => {
      children.delete(p);
      r(code);
    }),
  );
  return p;
}
const until = async (p, re, from = 0) => {
  while (!re.test(p.text.slice(from))) {
    if (p.exitCode !== null) throw new Error(`exited: ${p.text}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
async function snn(...args) {
  const t0 = performance.now();
  const p = start(process.execPath, [bin, ...args]);
  const code = await p.done;
  if (code !== 0) throw new Error(`snn ${args.join(' ')} exited ${code}:\n${p.text}`);
  return { out: p.text, seconds: (performance.now() - t0) / 1000 };
}
const workers = async (n) => {
  const ws = Array.from({ length: n }, () => start(process.execPath, [bin, 'worker', '--queue', url, '--verbose', '--lock-seconds', '5']));
  for (const w of ws) await until(w, /waiting for shards/);
  return ws;
};
const stop = async (ws) => {
  for (const w of ws) w.kill('SIGTERM');
  await Promise.all(ws.map((w) => w.done));
};
const untimed = (out) => {
  const line = out.split('\n').find((l) => l.startsWith('{'));
  return line.slice(0, line.indexOf(',"timing"'));
};
const summary = (out) => out.split('\n').find((l) => / shards in /.test(l) || / cells in /.test(l)) ?? '';

const redis = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no']);
try {
  await until(redis, /Ready to accept connections/);
  const limit = o.limit ? ['--limit', o.limit] : [];
  const onnxArgs = ['eval', fx('mnist_cnn_mnist.onnx'), '--data', 'mnist', '--T', o.T, '--json', ...limit];
  const json = (out) => JSON.parse(out.split('\n').find((l) => l.startsWith('{')));
  // 1. the ONNX model: the coordinator converts (auto recipe, validation part), the workers score
  const localOnnx = await snn(...onnxArgs);
  const ws3 = await workers(3);
  const queuedOnnx = await snn(...onnxArgs, '--queue', url, '--verbose');
  await stop(ws3);
  const lo = json(localOnnx.out).timing;
  console.log(
    `ONNX, local: ${localOnnx.seconds.toFixed(1)} s whole run (convert ${lo.modes[0].convert.toFixed(1)} s, simulate ${lo.modes[0].simulate.toFixed(1)} s)`,
  );
  console.log(`  ${untimed(localOnnx.out)}`);
  console.log(`ONNX, queue with 3 workers: ${queuedOnnx.seconds.toFixed(1)} s; identical: ${untimed(queuedOnnx.out) === untimed(localOnnx.out)}`);
  console.log(`  ${summary(queuedOnnx.out)}`);
  // 2. the converted SNN saved once, so the whole run is the evaluation: 1, 2, 3 workers, and a kill
  const saved = join(mkdtempSync(join(tmpdir(), 'snn-queue-bench-')), 'cnn.snn');
  await snn('convert', fx('mnist_cnn_mnist.onnx'), '--data', 'mnist', '--output', saved);
  const evalArgs = ['eval', saved, '--data', 'mnist', '--T', o.T, '--json', ...limit];
  const local = await snn(...evalArgs);
  const ref = untimed(local.out);
  console.log(`saved SNN, local: ${local.seconds.toFixed(1)} s whole run (simulate ${json(local.out).timing.modes[0].simulate.toFixed(1)} s)`);
  console.log(`  ${ref}`);
  for (const n of o.workers.split(',').map(Number)) {
    const ws = await workers(n);
    const q = await snn(...evalArgs, '--queue', url, '--verbose');
    await stop(ws);
    console.log(
      `saved SNN, queue with ${n} worker(s): ${q.seconds.toFixed(1)} s whole run (queued phase ${json(q.out).timing.modes[0].simulate.toFixed(1)} s); identical: ${untimed(q.out) === ref}`,
    );
    console.log(`  ${summary(q.out)}`);
  }
  const ws = await workers(3);
  const mark = ws[0].text.length;
  const killed = snn(...evalArgs, '--queue', url, '--verbose');
  await until(ws[0], /started [0-9a-f]{16}-\d+/, mark);
  ws[0].kill('SIGKILL');
  const k = await killed;
  await stop(ws);
  console.log(`saved SNN, queue with 3 workers, one killed mid-shard: ${k.seconds.toFixed(1)} s; identical: ${untimed(k.out) === ref}`);
  console.log(`  ${summary(k.out)}`);

  const dir = mkdtempSync(join(tmpdir(), 'snn-sweep-'));
  const sweepArgs = [
    'sweep',
    fx('mnist_cnn_mnist.onnx'),
    fx('mlp_mnist.onnx'),
    '--data',
    'mnist',
    '--mode',
    'max',
    '--mode',
    '99.9%',
    '--mode',
    'auto',
    '--T',
    o.T,
    '--limit',
    o['sweep-limit'],
    '--json',
  ];
  const sl = await snn(...sweepArgs, '--csv', join(dir, 'local.csv'), '--report', join(dir, 'report'));
  const sw = await workers(3);
  const sq = await snn(...sweepArgs, '--csv', join(dir, 'queued.csv'), '--queue', url, '--verbose');
  await stop(sw);
  const rows = (out) => JSON.stringify(JSON.parse(out.split('\n').find((l) => l.startsWith('{'))).rows);
  const same = rows(sl.out) === rows(sq.out) && readFileSync(join(dir, 'local.csv'), 'utf8') === readFileSync(join(dir, 'queued.csv'), 'utf8');
  console.log(
    `sweep 3 recipes × ${o.T.split(',').length} T × 2 models on ${o['sweep-limit']} test images: local ${sl.seconds.toFixed(1)} s, queue (3 workers) ${sq.seconds.toFixed(1)} s; identical tables: ${same}`,
  );
  console.log(`  ${summary(sq.out)}`);
  console.log(`  table and figures: ${dir}`);
  console.log(readFileSync(join(dir, 'local.csv'), 'utf8'));
} finally {
  for (const c of children) c.kill('SIGKILL');
}
