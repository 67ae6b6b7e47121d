// The machine's dense SIMD peak as every bench states it (one helper, so the speed section and the
// models bench measure it the same way): tfjs-wasm (XNNPACK, WebAssembly SIMD, one thread) matMul of
// two 1024×1024 float32 matrices, 2·1024³ FLOP per call. Warmed (calls for `warmSeconds` first, so
// the wasm code is tiered up and the caches hot), then the best of `rounds` calls. A single reading
// moves with whatever else runs on the machine (last session one bench read 11.2 GFLOP/s and another,
// minutes earlier, 26.8), so the benches read it more than once and print every reading.
// Run alone: `node bench/peak.mjs` (one core, then two processes at once: the 2-core peak).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';

const N = 1024;
const FLOP = 2 * N ** 3;

/**
 * One core's dense peak, GFLOP/s (call after `initBackend('wasm')`):
 * `{ best, median, rounds }`, best = 2·1024³ / (fastest call's seconds) / 1e9.
 */
export function densePeak({ warmSeconds = 0.5, rounds = 12 } = {}) {
  const a = tf.randomUniform([N, N]);
  const b = tf.randomUniform([N, N]);
  const warmEnd = performance.now() + 1000 * warmSeconds;
  do tf.matMul(a, b).dispose();
  while (performance.now() < warmEnd);
  const gf = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    tf.matMul(a, b).dispose();
    gf.push(FLOP / ((performance.now() - t0) / 1000) / 1e9);
  }
  tf.dispose([a, b]);
  gf.sort((x, y) => x - y);
  return { best: gf[gf.length - 1], median: gf[Math.floor(gf.length / 2)], rounds };
}

/** One core's dense peak, GFLOP/s: {@link densePeak}'s best. */
export function densePeakGflops() {
  return densePeak().best;
}

const self = fileURLToPath(import.meta.url);

/** `densePeak` in a fresh process (`node peak.mjs --child`); resolves to its `{ best, median, rounds }`. */
function childPeak() {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [self, '--child'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`peak child exited ${code}`))));
  });
}

/**
 * The 2-core peak: {@link densePeak} in `k` processes at once (k = 2), GFLOP/s summed over them
 * (`best`: the sum of each one's best; `median`: of their medians), and each process's reading.
 * Two busy cores can give less than twice one core (shared caches, memory bandwidth, SMT siblings).
 */
export async function concurrentPeak(k = 2) {
  const each = await Promise.all(Array.from({ length: k }, childPeak));
  return { best: each.reduce((s, e) => s + e.best, 0), median: each.reduce((s, e) => s + e.median, 0), each };
}

if (process.argv[1] === self) {
  const { initBackend } = await import('@snn/backend');
  await initBackend('wasm');
  if (process.argv[2] === '--child') console.log(JSON.stringify(densePeak()));
  else {
    const one = densePeak();
    const two = await concurrentPeak(2);
    console.log(`1 core: best ${one.best.toFixed(1)}, median ${one.median.toFixed(1)} GFLOP/s (${one.rounds} calls after warm-up)`);
    console.log(
      `2 processes at once: best ${two.best.toFixed(1)}, median ${two.median.toFixed(1)} GFLOP/s (${two.each.map((e) => e.best.toFixed(1)).join(' + ')})`,
    );
  }
}
