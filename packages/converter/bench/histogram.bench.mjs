// Exact per-channel calibration statistics: StreamingHistogram.addChannels filling 32 channel histograms from one
// batch of 100 images at each tap of the tutorial CNN (26·26, 11·11 and 3·3 pixels: what `snn eval --mode auto`
// observes), old path against new in one process, alternating: old = the JS pass (binner null), new = the
// WebAssembly SIMD route (ChannelBinner). Values are ReLU-like (about half zeros, per-channel scales, a few large
// values; the first batch grows every range). The histograms of both sides are checked equal after every round.
// Run: node bench/histogram.bench.mjs (after build). Env ROUNDS (default 7), BATCHES per round (default 10).
// Prints a table (median ms per batch, CPU ms, ratio old/new), then JSON.
import { loadavg } from 'node:os';
import { createRng } from '@snn/core';
import { StreamingHistogram } from '@snn/converter';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const BATCHES = Number(process.env.BATCHES ?? 10);
const C = 32;
const rng = createRng(7);
const batch = (pixels, b) =>
  Float32Array.from({ length: 100 * pixels * C }, (_, i) => {
    const r = rng();
    if (r < 0.5) return 0;
    const scale = (1 + (i % C)) * (b === 0 ? (i / (100 * pixels * C)) * 2 : 1);
    return Math.fround(-Math.log(rng()) * scale * (r > 0.9995 ? 20 : 1));
  });
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const state = (hs) => JSON.stringify(hs.map((h) => [h.width, h.zeros, h.total, h.max, Array.from(h.counts)]));

const rows = [];
for (const side of [26, 11, 3]) {
  const pixels = side * side;
  const data = Array.from({ length: BATCHES }, (_, b) => batch(pixels, b));
  const run = (binner) => {
    const hs = Array.from({ length: C }, () => new StreamingHistogram());
    const w = performance.now();
    const c = process.cpuUsage();
    for (const v of data) binner === null ? StreamingHistogram.addChannels(hs, v, null) : StreamingHistogram.addChannels(hs, v);
    const u = process.cpuUsage(c);
    return { ms: (performance.now() - w) / BATCHES, cpuMs: (u.user + u.system) / 1000 / BATCHES, hs };
  };
  const old = [];
  const neu = [];
  for (let r = 0; r < ROUNDS; r++) {
    const a = run(null);
    const b = run(undefined);
    if (state(a.hs) !== state(b.hs)) throw new Error(`histograms differ (${side}·${side})`);
    old.push(a);
    neu.push(b);
  }
  const [o, n] = [median(old.map((x) => x.ms)), median(neu.map((x) => x.ms))];
  const [oc, nc] = [median(old.map((x) => x.cpuMs)), median(neu.map((x) => x.cpuMs))];
  rows.push({
    row: `addChannels, ${C} ch × ${side}·${side} × 100 images`,
    values: 100 * pixels * C,
    oldMs: o,
    newMs: n,
    oldCpuMs: oc,
    newCpuMs: nc,
    ratio: o / n,
  });
}
for (const r of rows)
  console.log(
    `${r.row.padEnd(44)} old ${r.oldMs.toFixed(2).padStart(7)} ms (cpu ${r.oldCpuMs.toFixed(2)})  new ${r.newMs.toFixed(2).padStart(6)} ms (cpu ${r.newCpuMs.toFixed(2)})  old/new ${r.ratio.toFixed(2)}×`,
  );
console.log(JSON.stringify({ rounds: ROUNDS, batches: BATCHES, load: loadavg()[0], rows }));
