import type { Encoder } from './types.js';

/** What {@link replayEncoder} replays: a node's values at every step of a run, per sample. */
export interface ReplayOptions {
  /** `values[(s·T + t − 1)·size + i]`: sample s, 1-based step t (sample-major, as `outputRecord` writes them). */
  values: Float32Array;
  /** Steps recorded per sample (a replay may run fewer). */
  T: number;
  /** Values per sample and step. */
  size: number;
  /**
   * Added to every value, per channel (the last axis, `shift.length` channels): X = fl(v + shift_c), one
   * float32 rounding, as tfjs adds a layer's bias. A layer's sums recorded before its bias replay as the
   * layer's output with any bias.
   */
  shift?: Float32Array;
}

/**
 * Replays recorded values as the network's input: sample s gets at step t exactly what was recorded for
 * it at t, X_t[s] = values[s, t], so a graph cut at a recorded node computes what the whole graph did
 * downstream of it (the images handed to `simulate` are not read; pass any of the input's shape). Give
 * `values` over a SharedArrayBuffer to let worker threads read them without a copy.
 *
 * @example
 * await simulate(cut, data, { T: 32, encoder: replayEncoder({ values, T: 32, size: 800 }) });
 */
export function replayEncoder(opts: ReplayOptions): Encoder {
  const { values, T, size, shift } = opts;
  if (shift && (shift.length === 0 || size % shift.length !== 0)) throw new RangeError(`replay: ${size} values per sample are not channels of ${shift.length}`);
  // the shift tiled over one sample's values, so that each row is one fused copy-and-add
  const row = shift && Float32Array.from({ length: size }, (_, j) => shift[j % shift.length]);
  let buffer = new Float32Array(0); // reused from chunk to chunk (the engines read a chunk's input before the next)
  const check = (count: number, inputSize: number, first: number, t0: number, steps: number) => {
    if (inputSize !== size) throw new RangeError(`replay: the graph input has ${inputSize} values per sample, the recording ${size}`);
    if (t0 + steps - 1 > T) throw new RangeError(`replay: step ${t0 + steps - 1} was not recorded (T = ${T})`);
    if ((first + count) * T * size > values.length) throw new RangeError(`replay: sample ${first + count - 1} was not recorded`);
  };
  return {
    spec: { kind: 'replay', values, T, size, ...(shift ? { shift } : {}) },
    constant: false,
    ...(row ? { rowShift: row } : {}),
    encodeInto(target, count, inputSize, first, t0, steps) {
      check(count, inputSize, first, t0, steps);
      for (let s = 0; s < steps; s++)
        for (let b = 0; b < count; b++) {
          const from = ((first + b) * T + t0 - 1 + s) * size;
          target.set(values.subarray(from, from + size), (s * count + b) * size);
        }
    },
    encode(_x, count, inputSize, first, t0, steps) {
      check(count, inputSize, first, t0, steps);
      const n = steps * count * size;
      if (buffer.length < n) buffer = new Float32Array(n);
      const out = buffer.subarray(0, n);
      for (let s = 0; s < steps; s++)
        for (let b = 0; b < count; b++) {
          const from = ((first + b) * T + t0 - 1 + s) * size;
          const to = (s * count + b) * size;
          if (!row) out.set(values.subarray(from, from + size), to);
          else for (let i = 0; i < size; i++) out[to + i] = values[from + i] + row[i]; // float32 store of the double sum of two float32s: fl(v + shift), correctly rounded
        }
      return out;
    },
  };
}
