import * as tf from '@tensorflow/tfjs-core';
import { flatProgram, registerWebGpuKernel } from './wgsl.js';

/** The tfjs kernel name of the running output sum over a chunk (webgpu). */
export const PREFIX_SUMS = 'SnnPrefixSums';

/** The running sum carried between chunks: a tensor and the offset of its last row. */
export interface Carry {
  tensor: tf.Tensor;
  offset: number;
}

const CODE = `
  fn main(index : i32) {
    let m = uniforms.m;
    if (index >= m) { return; }
    var acc = 0.0;
    if (uniforms.carry != 0) { acc = P[uniforms.pOff + index]; }
    for (var s = 0; s < uniforms.steps; s++) {
      acc = acc + O[s * m + index];
      result[s * m + index] = acc;
    }
  }`;

function registerPrefixSums(): void {
  registerWebGpuKernel(
    PREFIX_SUMS,
    ([o], a) => {
      const { m, steps, pOff, carry } = a as { m: number; steps: number; pOff: number; carry: number };
      return {
        program: flatProgram('snn_prefix_sums', ['O', 'P'], 'm : i32, steps : i32, pOff : i32, carry : i32,', m, o.shape[0], CODE),
        uniforms: [m, steps, pOff, carry],
      };
    },
    ['o', 'p'],
  );
}

/**
 * The running sums of a chunk's outputs on the device, S_s = S_{s−1} + out_s for s = 1..steps
 * (S_0 the carry from the previous chunk, or 0), added one step after the other in float32 as the
 * reference's `tf.add` chain and the CPU readout do — a parallel scan (`tf.cumsum` on webgpu)
 * would add in another order. `out` is `[steps, m]`; returns `[steps·m]`, whose last row is the
 * next chunk's carry (offset `(steps − 1)·m`). On webgpu one WGSL dispatch; elsewhere `tf.cumsum`
 * over the carry row and the chunk (sequential on the CPU backends).
 */
export function prefixSums(out: tf.Tensor2D, carry: Carry | undefined): tf.Tensor1D {
  const [steps, m] = out.shape;
  if (tf.getBackend() === 'webgpu') {
    registerPrefixSums();
    const flat = tf.reshape(out, [-1]);
    const attrs = { m, steps, pOff: carry?.offset ?? 0, carry: carry ? 1 : 0 };
    return tf.engine().runKernel(PREFIX_SUMS, { o: flat, p: carry?.tensor ?? flat }, attrs) as tf.Tensor1D;
  }
  return tf.tidy(() => {
    if (!carry) return tf.reshape(tf.cumsum(out, 0), [-1]);
    const last = tf.reshape(tf.slice(tf.reshape(carry.tensor, [-1]), carry.offset, m), [1, m]);
    return tf.reshape(tf.slice(tf.cumsum(tf.concat([last, out], 0), 0), [1, 0], [steps, m]), [-1]);
  });
}
