import * as tf from '@tensorflow/tfjs-core';
import type { KernelArena } from './wasm/arena.js';

type Entry = { tensor: tf.Tensor } | { data: Float32Array } | { off: number; n: number };

/**
 * The values of one time chunk (`[steps·B, …]` per node), each kept in the form it was made in —
 * a tensor, a JS array, or a region of the kernel arena — and converted only when a reader needs
 * another form. Arena regions are kept as offsets, not views: growing the memory detaches views.
 */
export class ChunkValues {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly arena: KernelArena | undefined,
    /** The backend copies a new tensor's values (wasm): views may be handed to `tf.tensor`. */
    private readonly copies: boolean,
    private readonly shapeOf: (name: string) => number[],
    private readonly rows: number,
  ) {}

  setTensor(name: string, tensor: tf.Tensor): void {
    this.entries.set(name, { tensor });
  }

  /** Stores an array; a view of the arena is kept as its offset. */
  setArray(name: string, a: Float32Array): void {
    this.entries.set(name, this.arena?.owns(a) ? { off: a.byteOffset, n: a.length } : { data: a });
  }

  /** Stores `name` as the same values as `from` (a reshape: Flatten, Identity, inference Dropout). */
  alias(name: string, from: string): void {
    const e = this.get(from);
    this.entries.set(name, 'tensor' in e ? { tensor: tf.reshape(e.tensor, [this.rows, ...this.shapeOf(name)]) } : e);
  }

  /** How many values `name` has in this chunk (rows × values per sample). */
  size(name: string): number {
    return this.rows * this.shapeOf(name).reduce((a, b) => a * b, 1);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  private get(name: string): Entry {
    const e = this.entries.get(name);
    if (!e) throw new Error(`chunk value '${name}' is missing`);
    return e;
  }

  /** As a tensor `[rows, …shape]` (made once, inside the caller's tidy). */
  tensor(name: string): tf.Tensor {
    const e = this.get(name);
    if ('tensor' in e) return e.tensor;
    const a = 'data' in e ? e.data : (this.arena as KernelArena).view(e.off, e.n);
    const t = tf.tensor(this.copies ? a : a.slice(), [this.rows, ...this.shapeOf(name)]);
    this.entries.set(name, { tensor: t });
    return t;
  }

  /**
   * The values to read now, without keeping a copy: a view of the arena (valid until its next
   * allocation), else the array or the tensor's values. For a reader that is done before anything
   * else runs (a monitor's `values` hook), where {@link array} would copy out of the arena a value that
   * the next kernel then copies back in.
   */
  peek(name: string): Float32Array {
    const e = this.get(name);
    if ('off' in e) return (this.arena as KernelArena).view(e.off, e.n);
    return this.array(name);
  }

  /** As a JS array that stays valid (arena regions are copied out). */
  array(name: string): Float32Array {
    const e = this.get(name);
    if ('data' in e) return e.data;
    if ('tensor' in e) return e.tensor.dataSync() as Float32Array;
    const data = (this.arena as KernelArena).view(e.off, e.n).slice();
    this.entries.set(name, { data });
    return data;
  }

  /** The byte offset of the value when it lives in the arena, else undefined. */
  offsetIfInArena(name: string): number | undefined {
    const e = this.get(name);
    return 'off' in e ? e.off : undefined;
  }

  /** The byte offset of the value in the arena (copied in when it lives elsewhere). */
  arenaOffset(name: string): number {
    const e = this.get(name);
    if ('off' in e) return e.off;
    const arena = this.arena as KernelArena;
    const a = this.array(name);
    const off = arena.alloc(a.length);
    arena.view(off, a.length).set(a);
    return off;
  }
}
