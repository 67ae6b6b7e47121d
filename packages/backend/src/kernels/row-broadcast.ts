import { addRowsKernel, moduleBytes, mulRowsKernel } from '@snn/core';
import type * as tf from '@tensorflow/tfjs-core';
import { offsetOf, onBackendHeap, type WasmBackendShape } from './wasm-heap.js';

/** `addRows`/`mulRows(x, d, y, bytes, row)` of @snn/core: y = x ∘ d with d one row broadcast over every row of x. */
type RowsFn = (x: number, d: number, y: number, bytes: number, row: number) => void;

let compiled: WebAssembly.Module | null | undefined;

/** The module with `addRows` and `mulRows`, or null where WebAssembly SIMD is not available. */
function rowsModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(
        moduleBytes([
          ['addRows', ...addRowsKernel()],
          ['mulRows', ...mulRowsKernel()],
        ]),
      );
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/**
 * The full operand and the row of a binary op whose one operand is broadcast along the last axis only
 * (a bias `[C]`, or `[1, …, 1, C]`, against `[…, C]`, C a multiple of 4, float32), else undefined.
 */
export function rowBroadcast(a: tf.TensorInfo, b: tf.TensorInfo): { full: tf.TensorInfo; row: tf.TensorInfo } | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const isRow = (r: tf.TensorInfo, f: tf.TensorInfo) => {
    const C = f.shape.at(-1) ?? 0;
    return (
      f.shape.length >= 2 &&
      C > 0 &&
      C % 4 === 0 &&
      r.shape.length <= f.shape.length &&
      r.shape.at(-1) === C &&
      r.shape.slice(0, -1).every((d) => d === 1) &&
      f.shape.every((d) => d > 0)
    );
  };
  if (isRow(b, a)) return { full: a, row: b };
  if (isRow(a, b)) return { full: b, row: a };
  return undefined;
}

/**
 * tfjs-backend-wasm's Add or Multiply with a faster path for a row broadcast over the last axis (a
 * layer's bias, an unfolded BatchNorm's scale and shift): the SIMD `addRows`/`mulRows` of @snn/core
 * on the backend's memory. IEEE float32 sums and products, commutative, so the bits are the
 * backend's; 4.22's own kernel runs such a broadcast at about 1 G values/s (2.2 ms for a bias over
 * [100, 26, 26, 32], tf.profile of the tutorial CNN's first layer), this one in about 1 ms. Every
 * other call runs the backend's own kernel (`own`).
 */
export function rowBroadcastKernel(own: tf.KernelConfig, fn: 'addRows' | 'mulRows'): tf.KernelConfig {
  return {
    kernelName: own.kernelName,
    backendName: own.backendName,
    // the backend binds its own kernel's WebAssembly function when it starts (tfjs-backend-wasm's setup)
    setupFunc: own.setupFunc,
    disposeFunc: own.disposeFunc,
    kernelFunc: (args) => {
      const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const pair = rowBroadcast(a, b);
      const backend = args.backend as unknown as WasmBackendShape;
      const m = pair && rowsModule();
      const rows = m ? (onBackendHeap(backend, m)?.[fn] as RowsFn | undefined) : undefined;
      const xo = pair && offsetOf(backend, pair.full);
      const d = pair && offsetOf(backend, pair.row);
      if (!pair || !rows || xo === undefined || d === undefined) return own.kernelFunc(args);
      const out = backend.makeOutput([...pair.full.shape], 'float32');
      const size = pair.full.shape.reduce((p, s) => p * s, 1);
      rows(xo, d, offsetOf(backend, out) as number, size * 4, (pair.full.shape.at(-1) as number) * 4);
      return out;
    },
  };
}
