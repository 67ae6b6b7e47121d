// The machine's dense SIMD peak as the benches state it: tfjs-wasm (XNNPACK, WebAssembly SIMD) matMul
// of two 1024×1024 float32 matrices on one thread, best of 5 after a warm-up; 2·1024³ FLOP per call.
import * as tf from '@tensorflow/tfjs-core';

/** GFLOP/s of one core (call after `initBackend('wasm')`). */
export function densePeakGflops() {
  const a = tf.randomUniform([1024, 1024]);
  const b = tf.randomUniform([1024, 1024]);
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < 6; r++) {
    const t0 = performance.now();
    tf.matMul(a, b).dispose();
    if (r > 0) best = Math.min(best, (performance.now() - t0) / 1000);
  }
  tf.dispose([a, b]);
  return (2 * 1024 ** 3) / best / 1e9;
}
