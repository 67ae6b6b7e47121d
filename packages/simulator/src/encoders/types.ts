/** An encoder as plain data (JSON), so that worker threads can rebuild it: `{ kind: 'poisson', seed: 1 }`. */
export interface EncoderSpec {
  kind: string;
  [option: string]: unknown;
}

/**
 * Turns images into the network's input at each time step. Works on plain arrays so that every
 * execution path (and every worker thread) encodes the same sample the same way: what sample `s`
 * gets at step `t` depends only on (s, t) and the encoder's options, never on batching.
 */
export interface Encoder {
  readonly spec: EncoderSpec;
  /** True when every step's input is the image itself (analog input): work that depends only on it is done once per batch. */
  readonly constant: boolean;
  /**
   * Encodes `count` samples of `size` values each (`x`, sample-major; the first is sample `first`
   * of the run) at the 1-based steps `t0 … t0 + steps − 1`, time-major:
   * `out[((t − t0)·count + b)·size + i]`. The array is read before the next call (an encoder may
   * hand out the same buffer again: copy what must outlive the chunk).
   */
  encode(x: Float32Array, count: number, size: number, first: number, t0: number, steps: number): Float32Array;
  /**
   * Optional, for an encoder whose output is a copy of stored values plus a row added to every sample
   * and step (a replay with a shift): the row (`size` values), which an engine holding the values in
   * WebAssembly memory adds there after {@link Encoder.encodeInto}, X = fl(v + row), the same float32 sums.
   */
  readonly rowShift?: Float32Array;
  /**
   * Optional, with {@link Encoder.rowShift}: writes the chunk's values *without* the row into `target`
   * (the layout of {@link Encoder.encode}), so that the engine adds the row where the values live.
   */
  encodeInto?(target: Float32Array, count: number, size: number, first: number, t0: number, steps: number): void;
}
