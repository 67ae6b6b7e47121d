// `snn eval --queue` through a real redis-server and three `snn worker` processes: the same JSON
// as a local run, when the coordinator is restarted, when a worker is killed mid-shard; failures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueUrl } from '../src/queue/connection.js';
import { runShards } from '../src/queue/coordinator.js';
import { runCli } from '../src/index.js';
import { capture, fixture } from './helpers.js';
import { bin, type Child, freePort, start, startRedis, startWorker } from './redis.js';

const args = [
  'eval',
  fixture('mnist_cnn_mnist.onnx'),
  '--data',
  'mnist',
  '--calibrate',
  '300',
  '--mode',
  '99.9%',
  '--T',
  '4,12',
  '--limit',
  '300',
  '--batch-size',
  '50',
  '--json',
];
/** The JSON up to its timing field: what must be byte-identical. */
const untimed = (out: string) => out.slice(0, out.indexOf(',"timing"'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let redis: { url: string; server: Child };
let client: Redis;
const workers: Child[] = [];
let local: string;

beforeAll(async () => {
  redis = await startRedis();
  client = new Redis(redis.url);
  workers.push(...(await Promise.all([1, 2, 3].map(() => startWorker(redis.url, '--lock-seconds', '5')))));
  const io = capture();
  expect(await runCli(args, io)).toBe(0);
  local = io.out;
}, 120_000);

afterAll(async () => {
  client?.disconnect();
  await Promise.all(workers.map((w) => w.stop()));
  await redis?.server.stop();
}, 30_000);

describe('snn eval --queue', () => {
  it('a coordinator killed mid-run and started again resumes its run id; finished shards are not re-run', async () => {
    const coord = start(process.execPath, [bin, ...args, '--queue', redis.url]);
    const line = await coord.waitFor(/queue run [0-9a-f]{16}: 6 shards/, 60_000);
    while ((await client.zcard('bull:snn-shards:completed')) < 1) await sleep(50);
    await coord.stop('SIGKILL');
    const finished = await client.zrange('bull:snn-shards:completed', '0', '-1');
    const marks = workers.map((w) => w.output().length);
    const io = capture();
    expect(await runCli([...args, '--queue', redis.url], io)).toBe(0);
    expect(io.err).toContain(line);
    expect(untimed(io.out)).toBe(untimed(local));
    expect(JSON.parse(io.out).snn[0].accuracy['12']).toBeGreaterThan(0.5);
    const run = line.slice(10, 26);
    const after = workers.map((w, i) => w.output().slice(marks[i])).join('');
    const done = finished.filter((id) => id.startsWith(run));
    expect(done.length).toBeGreaterThan(0);
    for (const id of done) expect(after).not.toContain(`started ${id}\n`);
  }, 180_000);

  it('a worker killed in the middle of a shard loses nothing: the stalled shard is re-run, counted once', async () => {
    const mark = workers[0].output().length;
    const io = capture();
    const queued = runCli([...args, '--queue', redis.url, '--verbose'], io);
    await workers[0].waitFor(/started [0-9a-f]{16}-\d+/, 60_000, mark);
    workers[0].proc.kill('SIGKILL');
    expect({ code: await queued, err: io.err }).toEqual({ code: 0, err: expect.stringMatching(/stalled 1/) });
    expect(untimed(io.out)).toBe(untimed(local));
    expect(io.err).toMatch(/6 shards in [\d.]+ s; .* 1 re-run \(stalled 1, failed attempts 0\)/);
  }, 180_000);

  it('snn sweep through the queue gives the table of the local sweep (2 models × 2 modes × 2 Poisson seeds)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-sweep-'));
    const grid = [fixture('mnist_cnn_mnist.onnx'), fixture('mlp_mnist.onnx'), '--data', 'mnist', '--mode', 'max', '--mode', '99.9%'];
    const sweep = [...grid, '--T', '2,4', '--seeds', '1,2', '--calibrate', '100', '--limit', '60', '--json'];
    const here = capture();
    expect(await runCli(['sweep', ...sweep, '--csv', join(dir, 'local.csv')], here)).toBe(0);
    const queued = capture();
    expect(await runCli(['sweep', ...sweep, '--csv', join(dir, 'queued.csv'), '--queue', redis.url], queued)).toBe(0);
    const a = JSON.parse(here.out);
    expect(a.rows).toHaveLength(2 * 2 * 2 * 2);
    expect(JSON.stringify(JSON.parse(queued.out).rows)).toBe(JSON.stringify(a.rows));
    expect(readFileSync(join(dir, 'queued.csv'), 'utf8')).toBe(readFileSync(join(dir, 'local.csv'), 'utf8'));
    // Poisson seeds give different spikes: the two seeds' SOPs differ for the CNN at T=4
    const cnn = a.rows.filter((r: { model: string; mode: string; T: number }) => r.model === 'mnist_cnn_mnist' && r.mode === 'max' && r.T === 4);
    expect(cnn.map((r: { seed: number }) => r.seed)).toEqual([1, 2]);
    expect(cnn[0].sopsPerImage).not.toBe(cnn[1].sopsPerImage);
    expect(a.rows[0].annMacsPerImage).toBe(1393088); // the tutorial CNN's 1.39 M multiply-adds (ANCHORS.md)
  }, 180_000);

  it('a worker whose data differs refuses the shard; three refusals fail the run with that error', async () => {
    const job = {
      kind: 'eval-shard',
      shard: 0,
      model: 'f'.repeat(64),
      data: { source: { data: 'mnist' }, split: 'test', checksum: '0'.repeat(64) },
      indices: [0],
      T: 1,
      batchSize: 1,
    };
    await expect(runShards(parseQueueUrl(redis.url), 'bad-data', [job], undefined, 50)).rejects.toThrow(
      /^shard 0 of run bad-data failed 3 times: data source 'mnist' \(test\) here has checksum [0-9a-f]{12}, the run's is 000000000000: this worker's data differs/,
    );
  }, 60_000);

  it('an unreachable Redis is one line naming the URL, exit code 2, before any work', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const io = capture();
    const t0 = performance.now();
    expect(await runCli([...args, '--queue', url], io)).toBe(2);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(io.err).toBe(`snn: --queue ${url}: cannot reach Redis (ECONNREFUSED)\n`);
    const w = spawnSync(process.execPath, [bin, 'worker', '--queue', url], { encoding: 'utf8', timeout: 30_000 });
    expect({ status: w.status, stderr: w.stderr }).toEqual({ status: 2, stderr: `snn: --queue ${url}: cannot reach Redis (ECONNREFUSED)\n` });
    expect(await runCli(['worker', '--queue', 'http://x'], capture())).toBe(2);
  }, 60_000);
});
