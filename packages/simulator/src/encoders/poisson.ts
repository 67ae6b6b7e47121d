import { streamKey, uniformFrom } from './hash.js';
import type { Encoder } from './types.js';

/** Options of {@link poissonEncoder}. */
export interface PoissonOptions {
  /** Seed of the counter-based generator (default 0): the same seed gives the same spikes on every path. */
  seed?: number;
}

/**
 * Poisson (Bernoulli-per-step) rate coding, SpikingJelly's `PoissonEncoder`: each value x ∈ [0, 1]
 * fires at each step with probability x,
 *
 *   X_t[i] = 1 if u(seed, sample, t, i) < x[i] else 0,   u uniform in [0, 1),
 *
 * so E[X_t] = clamp(x, 0, 1). Reproducible: u depends only on the seed, the sample's index in the
 * run, the step and the position — not on batch size, time chunk or worker threads.
 *
 * @example
 * await simulate(snn, data, { T: 100, encoder: poissonEncoder({ seed: 42 }) });
 */
export function poissonEncoder(options: PoissonOptions = {}): Encoder {
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new RangeError(`poisson encoder: seed must be an integer, got ${seed}`);
  return {
    spec: { kind: 'poisson', seed },
    constant: false,
    encode(x, count, size, first, t0, steps) {
      const out = new Float32Array(steps * count * size);
      for (let s = 0; s < steps; s++) {
        for (let b = 0; b < count; b++) {
          const key = streamKey(seed, first + b, t0 + s);
          const src = b * size;
          const dst = (s * count + b) * size;
          for (let i = 0; i < size; i++) out[dst + i] = uniformFrom(key, i) < x[src + i] ? 1 : 0;
        }
      }
      return out;
    },
  };
}
