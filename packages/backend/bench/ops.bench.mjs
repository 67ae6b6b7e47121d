// Conformance ops, wasm vs cpu in one process: median ms per call and the cpu/wasm ratio.
// Run: pnpm --filter @snn/backend bench   (after build)
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';

const cases = {
  'conv2d 100x13x13x32 -> 32 (3x3)': () => {
    const x = tf.randomNormal([100, 13, 13, 32]);
    const w = tf.randomNormal([3, 3, 32, 32]);
    return () => tf.conv2d(x, w, 1, 'valid');
  },
  'conv2d 100x28x28x1 -> 32 (3x3)': () => {
    const x = tf.randomNormal([100, 28, 28, 1]);
    const w = tf.randomNormal([3, 3, 1, 32]);
    return () => tf.conv2d(x, w, 1, 'valid');
  },
  'conv2d grad dW 100x13x13x32 (3x3)': () => {
    const x = tf.randomNormal([100, 13, 13, 32]);
    const w = tf.randomNormal([3, 3, 32, 32]);
    const g = tf.grad((ww) => tf.sum(tf.conv2d(x, ww, 1, 'valid')));
    return () => g(w);
  },
  'matMul 512x512': () => {
    const a = tf.randomNormal([512, 512]);
    const b = tf.randomNormal([512, 512]);
    return () => tf.matMul(a, b);
  },
  'avgPool 100x26x26x32': () => {
    const x = tf.randomNormal([100, 26, 26, 32]);
    return () => tf.avgPool(x, 2, 2, 'valid');
  },
  'maxPool 100x26x26x32': () => {
    const x = tf.randomNormal([100, 26, 26, 32]);
    return () => tf.maxPool(x, 2, 2, 'valid');
  },
  'relu+add+mul 1M': () => {
    const x = tf.randomNormal([1000, 1000]);
    return () => tf.mul(tf.add(tf.relu(x), x), x);
  },
  'sum/max over axis 1M': () => {
    const x = tf.randomNormal([1000, 1000]);
    return () => tf.add(tf.sum(x, 1), tf.max(x, 1));
  },
};

async function timeIt(fn, budgetMs) {
  const times = [];
  const t0 = performance.now();
  while (times.length < 1 || (performance.now() - t0 < budgetMs && times.length < 50)) {
    const s = performance.now();
    const out = tf.tidy(fn);
    await out.data();
    out.dispose();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const results = {};
for (const backend of ['wasm', 'cpu']) {
  await initBackend(backend);
  for (const [name, make] of Object.entries(cases)) {
    const fn = make(); // inputs live until the backend switch

    const warm = tf.tidy(fn);
    await warm.data();
    warm.dispose();
    results[name] ??= {};
    results[name][backend] = await timeIt(fn, backend === 'cpu' ? 3000 : 1500);
  }
  tf.disposeVariables();
}
console.log('\n@snn/backend ops: median ms per call (same process)');
console.log('| op | wasm ms | cpu ms | cpu/wasm |\n|---|---|---|---|');
for (const [name, r] of Object.entries(results)) console.log(`| ${name} | ${r.wasm.toFixed(2)} | ${r.cpu.toFixed(2)} | ${(r.cpu / r.wasm).toFixed(1)}x |`);
