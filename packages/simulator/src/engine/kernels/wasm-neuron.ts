import type { NeuronArrays } from '@snn/neuron';
import type { KernelArena } from '../wasm/arena.js';
import { perElement } from './per-element.js';
import type { MembraneProbe, NeuronExec } from './types.js';

/**
 * What the WebAssembly neuron executors share: per batch the membrane V (at V₀), θ and a table
 * (amplitudes, or a pooling LUT) in the arena; per step one exported kernel call. Subclasses say
 * how many θ values, which table, how much output per input value, and which call.
 */
export abstract class WasmNeuronExec implements NeuronExec {
  readonly takesArenaInput = true;
  /** Membrane values of the batch (count · size). */
  protected n = 0;
  protected v = 0;
  protected th = 0;
  protected table = 0;
  private xStatic = -1;
  private xCopied = false;

  constructor(
    protected readonly p: NeuronArrays,
    protected readonly size: number,
    protected readonly arena: KernelArena,
    /** Output values per sample (`size`, or fewer for a fused pooling). */
    private readonly outSize: number,
  ) {}

  /** θ as the kernel reads it (per position of a sample, or per channel). */
  protected abstract thetaValues(): Float32Array;
  /** The table the kernel reads (amplitudes per position, or the pooling LUT). */
  protected abstract tableValues(): Float32Array;
  /** One step at byte offsets `x` (input) and `out`. */
  protected abstract step(x: number, out: number): void;
  /**
   * All `steps` steps of a chunk in one call (inputs `xStep` bytes apart, 0 for a static input;
   * outputs `outStep` apart), where the subclass has such a kernel; else undefined (one call per step).
   */
  protected runSteps?(x: number, out: number, steps: number, xStep: number, outStep: number): void;

  begin(count: number, staticInput: boolean): void {
    const arena = this.arena;
    const theta = this.thetaValues();
    const table = this.tableValues();
    this.n = count * this.size;
    this.v = arena.alloc(this.n);
    this.th = arena.alloc(theta.length);
    this.table = arena.alloc(table.length);
    this.xStatic = staticInput ? arena.alloc(this.n) : -1;
    this.xCopied = false;
    arena.view(this.v, this.n).set(perElement(this.p.v0, this.n));
    arena.view(this.th, theta.length).set(theta);
    arena.view(this.table, table.length).set(table);
  }

  run(x: Float32Array | number, steps: number, probe?: MembraneProbe): Float32Array {
    const arena = this.arena;
    const n = this.n;
    const outN = (n / this.size) * this.outSize;
    const xOff = this.placeInput(x, steps * n);
    const out = arena.alloc(steps * outN);
    const vView = probe ? arena.view(this.v, n) : undefined;
    const stride = this.xStatic >= 0 ? 0 : n * 4;
    if (!probe && this.runSteps) {
      this.runSteps(xOff, out, steps, stride, outN * 4);
      return arena.view(out, steps * outN);
    }
    for (let s = 0; s < steps; s++) {
      this.step(xOff + s * stride, out + s * outN * 4);
      if (probe) probe(s, vView as Float32Array);
    }
    return arena.view(out, steps * outN);
  }

  /** The input's byte offset: the static region (filled on the batch's first chunk), the given offset, or a scratch copy of `x`. */
  private placeInput(x: Float32Array | number, all: number): number {
    const arena = this.arena;
    const n = this.n;
    if (this.xStatic >= 0) {
      if (!this.xCopied) arena.view(this.xStatic, n).set(typeof x === 'number' ? arena.view(x, n) : x.subarray(0, n));
      this.xCopied = true;
      return this.xStatic;
    }
    if (typeof x === 'number') return x;
    const off = arena.alloc(all);
    arena.view(off, all).set(x.subarray(0, all));
    return off;
  }
}
