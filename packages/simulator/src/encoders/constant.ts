import type { Encoder } from './types.js';

/**
 * Constant (analog) input, the tutorial's choice: the image itself at every step, X_t = x.
 *
 * @example
 * await simulate(snn, data, { T: 64, encoder: constantEncoder() });
 */
export function constantEncoder(): Encoder {
  return {
    spec: { kind: 'constant' },
    constant: true,
    encode(x, count, size, _first, _t0, steps) {
      const n = count * size;
      const out = new Float32Array(steps * n);
      for (let s = 0; s < steps; s++) out.set(x.subarray(0, n), s * n);
      return out;
    },
  };
}
