import { ensureBytes } from '@snn/core';
import { ifModuleBytes } from './if-module.js';

/** The fused IF + 2×2 pooling kernel's arguments (byte offsets and sizes, see `ifPoolKernel`). */
type IfPoolArgs = [
  x: number,
  v: number,
  out: number,
  th: number,
  lut: number,
  n: number,
  row: number,
  pixel: number,
  image: number,
  pairRows: number,
  pairCols: number,
  steps: number,
  xStep: number,
  outStep: number,
  scaled: number,
];

interface IfExports {
  ifSoft(x: number, v: number, out: number, th: number, amp: number, n: number, size: number): void;
  ifHard(x: number, v: number, out: number, th: number, amp: number, n: number, size: number, vr: number): void;
  ifSoftStatic(x: number, v: number, out: number, th: number, amp: number, n: number, size: number, steps: number, outStep: number): void;
  ifHardStatic(x: number, v: number, out: number, th: number, amp: number, n: number, size: number, steps: number, outStep: number, vr: number): void;
  ifPoolSoft(...args: IfPoolArgs): void;
  ifPoolHard(...args: [...IfPoolArgs, vr: number]): void;
  ifPoolSoftStatic(...args: IfPoolArgs): void;
  ifPoolHardStatic(...args: [...IfPoolArgs, vr: number]): void;
  add(a: number, b: number, y: number, bytes: number): void;
  addRows(x: number, d: number, y: number, bytes: number, row: number): void;
  gap(x: number, y: number, rows: number, pos: number, cBytes: number, hw: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled IF module, or null where WebAssembly SIMD is not available. */
function ifModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(ifModuleBytes());
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** True when the SIMD kernels can run here. */
export function wasmKernelsAvailable(): boolean {
  return ifModule() !== null;
}

/**
 * One WebAssembly memory shared by every kernel module of a runner, with a bump allocator: per
 * batch the nodes allocate their persistent regions (membrane, θ, weights, static input), then each
 * chunk allocates scratch above `mark` and releases it.
 */
export class KernelArena {
  readonly memory = new WebAssembly.Memory({ initial: 1 });
  readonly fn: IfExports;
  private top = 16;
  private mark = 16;

  constructor() {
    const m = ifModule();
    if (!m) throw new Error('WebAssembly SIMD is not available');
    this.fn = this.instantiate(m) as unknown as IfExports;
  }

  /** Instantiates a kernel module on this arena's memory. */
  instantiate(m: WebAssembly.Module): WebAssembly.Exports {
    return new WebAssembly.Instance(m, { env: { memory: this.memory } }).exports;
  }

  /** Frees everything (start of a batch). */
  reset(): void {
    this.top = this.mark = 16;
  }

  /** Ends the persistent allocations of a batch: later ones are scratch, released by {@link release}. */
  seal(): void {
    this.mark = this.top;
  }

  release(): void {
    this.top = this.mark;
  }

  /** Allocates `n` 4-byte values (16-byte aligned); returns the byte offset. */
  alloc(n: number): number {
    const off = this.top;
    this.top += Math.ceil((n * 4) / 16) * 16;
    ensureBytes(this.memory, this.top);
    return off;
  }

  /**
   * y = x + row, the `row` (its values copied into scratch here) added to every row of the `bytes` of
   * float32 values at byte offset x (the SIMD `addRows`); y may be x. `bytes` a multiple of the row's.
   */
  addRow(x: number, row: Float32Array, y: number, bytes: number): void {
    const r = this.alloc(row.length);
    this.view(r, row.length).set(row);
    this.fn.addRows(x, r, y, bytes, row.length * 4);
  }

  /** A view of `n` float32 values at byte offset `off` (make a new one after any allocation: memory may move). */
  view(off: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, off, n);
  }

  /** True when `a` is a view of this arena's memory (its byte offset can be handed to kernels). */
  owns(a: Float32Array): boolean {
    return a.buffer === this.memory.buffer;
  }
}
