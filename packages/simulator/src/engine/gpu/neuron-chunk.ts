import * as tf from '@tensorflow/tfjs-core';
import { flatProgram, registerWebGpuKernel } from './wgsl.js';

/** The tfjs kernel name of the WGSL neuron recurrence. */
export const NEURON_CHUNK = 'SnnNeuronChunk';

/** What one neuron layer's kernel is compiled for (one pipeline per distinct value). */
export interface NeuronShader {
  /** WGSL expression of H in `v` and `x` (see `WgslCharge`). */
  charge: string;
  maxSpikes: number;
  /** WGSL f32 literal of the hard reset value, or null for reset by subtraction. */
  vReset: string | null;
  /** The input is the same `[n]` block at every step. */
  staticInput: boolean;
  /** Write V after every step (membrane monitors), not only after the last. */
  everyV: boolean;
}

/** S from H and θ as `fire` / `fireScalar` compute it (binary, or multi-level with the float32 correction). */
function fire(maxSpikes: number): string {
  if (maxSpikes === 1) return 'select(0.0, 1.0, h >= th)';
  return `clamp(floor(h / th) - select(0.0, 1.0, h < floor(h / th) * th) + select(0.0, 1.0, h >= (floor(h / th) + 1.0) * th), 0.0, ${maxSpikes}.0)`;
}

function userCode(s: NeuronShader): string {
  const reset = s.vReset ?? (s.maxSpikes === 1 ? 'h - th' : 'h - k * th');
  return `
    fn charge(v : f32, x : f32) -> f32 { return ${s.charge}; }
    fn main(index : i32) {
      let n = uniforms.n;
      if (index >= n) { return; }
      let c = index % uniforms.channels;
      let th = Theta[c];
      let amp = Amp[c];
      var v = V[uniforms.vOff + index];
      for (var s = 0; s < uniforms.steps; s++) {
        let h = charge(v, X[${s.staticInput ? 'index' : 's * n + index'}]);
        let k = ${fire(s.maxSpikes)};
        var o = 0.0;
        if (k == 0.0) { v = h; } else { v = ${reset}; o = ${s.maxSpikes === 1 ? 'amp' : 'k * amp'}; }
        result[s * n + index] = o;
        ${s.everyV ? 'result[(uniforms.steps + s) * n + index] = v;' : ''}
      }
      ${s.everyV ? '' : 'result[uniforms.steps * n + index] = v;'}
    }`;
}

/**
 * Registers {@link NEURON_CHUNK} for tfjs' webgpu backend: a neuron layer's recurrence over a
 * whole time chunk in one dispatch, one thread per neuron looping over the steps —
 *
 *   H_s = charge(V_{s−1}, X_s),  S_s = Θ(H_s − θ) (or multi-level),  V_s = H_s − S_s·θ (or V_r),
 *   out_s = S_s·amplitude,
 *
 * the operations and their order those of @snn/neuron's `step`. Inputs X (`[steps·n]`, or `[n]`
 * static), V (the previous call's output: V₀ is read at `vOff`), θ and amplitude per channel;
 * output `[steps·n]` spikes followed by V after the last step (`[n]`) or after each (`[steps·n]`).
 */
export function registerNeuronChunkKernel(): void {
  registerWebGpuKernel(
    NEURON_CHUNK,
    (_, a) => {
      const s = a.shader as NeuronShader;
      const { n, steps, channels, vOff } = a as unknown as { n: number; steps: number; channels: number; vOff: number };
      const size = steps * n + (s.everyV ? steps * n : n);
      const key = `snn_neuron_${s.charge}_${s.maxSpikes}_${s.vReset}_${s.staticInput}_${s.everyV}`;
      const program = flatProgram(key, ['X', 'V', 'Theta', 'Amp'], 'n : i32, steps : i32, channels : i32, vOff : i32,', n, size, userCode(s));
      return { program, uniforms: [n, steps, channels, vOff] };
    },
    ['x', 'v', 'theta', 'amp'],
  );
}

/** Runs {@link NEURON_CHUNK} (see there) on 1-D tensors; returns its `[steps·n + n]` (or `[2·steps·n]`) output. */
export function neuronChunk(
  x: tf.Tensor,
  v: tf.Tensor,
  theta: tf.Tensor,
  amp: tf.Tensor,
  o: { shader: NeuronShader; n: number; steps: number; vOff: number },
): tf.Tensor1D {
  registerNeuronChunkKernel();
  const flat = (t: tf.Tensor) => (t.rank === 1 ? t : tf.reshape(t, [-1]));
  const attrs = { ...o, channels: theta.size } as unknown as tf.NamedAttrMap;
  return tf.engine().runKernel(NEURON_CHUNK, { x: flat(x), v: flat(v), theta, amp }, attrs) as tf.Tensor1D;
}
