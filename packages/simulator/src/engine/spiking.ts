import { runNeuronChunk } from './neuron-kernel.js';
import type { NeuronArrays } from './neuron-params.js';
import type { KernelArena } from './wasm/arena.js';

/** Called after each step of a chunk with the membrane potential `[count·size]` (read it, do not keep it). */
export type MembraneProbe = (step: number, v: Float32Array) => void;

/** Runs one spiking node's recurrence over the chunks of a batch. */
export interface SpikingExec {
  /** Starts a batch of `count` samples at V₀. */
  begin(count: number, staticInput: boolean): void;
  /**
   * Runs `steps` steps on `x` (`[steps·count·size]`, or `[count·size]` for a static input) and
   * returns the output `[steps·count·size]`, valid until this node (or the arena) runs again.
   * Executors with `takesArenaInput` also take the input as a byte offset into their arena.
   */
  run(x: Float32Array | number, steps: number, probe?: MembraneProbe): Float32Array;
  readonly takesArenaInput?: boolean;
}

const expanded = new WeakMap<Float32Array, Float32Array>();

/**
 * Per-element values of a per-channel array over `n` values (channels on the last axis), cached
 * per array (the last size asked): read it, do not write it.
 */
export function perElement(perChannel: Float32Array, n: number): Float32Array {
  const known = expanded.get(perChannel);
  if (known?.length === n) return known;
  const out = expandChannels(perChannel, n);
  expanded.set(perChannel, out);
  return out;
}

function expandChannels(perChannel: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n);
  const C = perChannel.length;
  for (let j = 0, c = 0; j < n; j++) {
    out[j] = perChannel[c];
    if (++c === C) c = 0;
  }
  return out;
}

/**
 * The arena offset of a WebAssembly executor's input: the static region (filled on the batch's
 * first chunk), the given offset, or a fresh scratch region holding `x`.
 */
export function placeInput(arena: KernelArena, x: Float32Array | number, xStatic: number, copied: boolean, n: number, perStep: number): number {
  if (xStatic >= 0) {
    if (!copied) arena.view(xStatic, perStep).set(typeof x === 'number' ? arena.view(x, perStep) : x.subarray(0, perStep));
    return xStatic;
  }
  if (typeof x === 'number') return x;
  const off = arena.alloc(n);
  arena.view(off, n).set(x.subarray(0, n));
  return off;
}

/** The plain-JS executor: any registered neuron model, multi-level spikes, any size. */
export class JsSpikingExec implements SpikingExec {
  private v: Float32Array = new Float32Array(0);
  private out: Float32Array = new Float32Array(0);
  private count = 0;
  private staticInput = false;

  constructor(
    private readonly p: NeuronArrays,
    private readonly size: number,
  ) {}

  begin(count: number, staticInput: boolean): void {
    this.count = count;
    this.staticInput = staticInput;
    this.v = perElement(this.p.v0, count * this.size).slice();
  }

  run(input: Float32Array | number, steps: number, probe?: MembraneProbe): Float32Array {
    if (typeof input === 'number') throw new Error('the JS executor takes its input as an array');
    const x = input;
    const n = steps * this.count * this.size;
    if (this.out.length < n) this.out = new Float32Array(n);
    const out = this.out.subarray(0, n);
    const v = this.v;
    runNeuronChunk(this.p, { x, staticInput: this.staticInput, v, out, steps, count: this.count, size: this.size, probe: probe && ((s) => probe(s, v)) });
    return out;
  }
}

/**
 * The WebAssembly SIMD executor for IF neurons with binary spikes (soft or hard reset), four
 * values per instruction; its state lives in a shared {@link KernelArena}.
 */
export class WasmIfExec implements SpikingExec {
  private n = 0;
  private v = 0;
  private th = 0;
  private amp = 0;
  private xStatic = -1;
  private xCopied = false;

  constructor(
    private readonly p: NeuronArrays,
    private readonly size: number,
    private readonly arena: KernelArena,
  ) {}

  /** True when this executor can run a node: IF, binary spikes, a per-sample size divisible by 4. */
  static fits(p: NeuronArrays, size: number): boolean {
    return p.model === 'IF' && p.maxSpikes === 1 && size % 4 === 0;
  }

  begin(count: number, staticInput: boolean): void {
    const arena = this.arena;
    const size = this.size;
    const p = this.p;
    this.n = count * size;
    this.v = arena.alloc(this.n);
    this.th = arena.alloc(size);
    this.amp = arena.alloc(size);
    this.xStatic = staticInput ? arena.alloc(this.n) : -1;
    this.xCopied = false;
    arena.view(this.v, this.n).set(perElement(p.v0, this.n));
    arena.view(this.th, size).set(perElement(p.theta, size));
    arena.view(this.amp, size).set(perElement(p.amp, size));
  }

  readonly takesArenaInput = true;

  run(x: Float32Array | number, steps: number, probe?: MembraneProbe): Float32Array {
    const arena = this.arena;
    const size = this.size;
    const n = this.n;
    const xOff = placeInput(arena, x, this.xStatic, this.xCopied, steps * n, n);
    this.xCopied = true;
    const out = arena.alloc(steps * n);
    const vView = probe ? arena.view(this.v, n) : undefined;
    const stride = this.xStatic >= 0 ? 0 : n * 4;
    const vr = this.p.vReset;
    for (let s = 0; s < steps; s++) {
      if (vr === null) arena.fn.ifSoft(xOff + s * stride, this.v, out + s * n * 4, this.th, this.amp, n * 4, size * 4);
      else arena.fn.ifHard(xOff + s * stride, this.v, out + s * n * 4, this.th, this.amp, n * 4, size * 4, vr);
      if (probe) probe(s, vView as Float32Array);
    }
    return arena.view(out, steps * n);
  }
}
