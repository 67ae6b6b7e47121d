import * as tf from '@tensorflow/tfjs-core';

/** What this module reads of tfjs-backend-wasm's backend (4.22): its Emscripten heap and where each tensor sits in it. */
interface WasmBackendShape {
  wasm?: { HEAPU8?: Uint8Array };
  dataIdMap?: { get(id: object): { memoryOffset?: number } | undefined };
}

/**
 * A float32 tensor's values read where they already lie in this thread's memory, without a copy:
 * on the wasm backend a view of its heap at the tensor's offset (`dataSync()` would copy it out, and
 * a fresh multi-MB buffer per batch costs as much as the statistic), on the cpu backend its own
 * array (`dataSync()` copies nothing there). Undefined elsewhere (GPU backends: use a device route).
 * The view is valid until the next tfjs call (a heap growth detaches it): read it at once, never write it.
 */
export function hostValues(t: tf.Tensor): Float32Array | undefined {
  if (t.dtype !== 'float32') return undefined;
  const name = tf.getBackend();
  if (name === 'cpu') return t.dataSync() as Float32Array;
  if (name !== 'wasm') return undefined;
  const b = tf.backend() as unknown as WasmBackendShape;
  const offset = b.dataIdMap?.get(t.dataId)?.memoryOffset;
  const heap = b.wasm?.HEAPU8;
  if (heap === undefined || typeof offset !== 'number' || offset + 4 * t.size > heap.byteLength) return undefined;
  return new Float32Array(heap.buffer, heap.byteOffset + offset, t.size);
}
