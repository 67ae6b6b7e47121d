import type * as tf from '@tensorflow/tfjs-core';

/** What the kernels here read of tfjs-backend-wasm's backend (4.22): its module's memory, where each tensor lies in it, and its output allocation. */
export interface WasmBackendShape {
  wasm?: { asm?: { memory?: WebAssembly.Memory } };
  dataIdMap: { get(id: object): { memoryOffset?: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

/** A tensor's byte offset in the wasm backend's memory (undefined where it has none). */
export const offsetOf = (b: WasmBackendShape, t: tf.TensorInfo): number | undefined => b.dataIdMap.get(t.dataId)?.memoryOffset;

const instances = new WeakMap<WebAssembly.Memory, Map<WebAssembly.Module, WebAssembly.Exports>>();

/**
 * A module of ours instantiated on the wasm backend's own memory (imported as `env.memory`), so that its
 * functions read tensors where they lie and write outputs the backend allocated; one instance per
 * module and memory. Null where that memory cannot be had or imported (a threaded build shares its
 * memory: our modules import an unshared one), so the caller runs the backend's own kernel.
 */
export function onBackendHeap(b: WasmBackendShape, m: WebAssembly.Module): WebAssembly.Exports | null {
  const memory = b.wasm?.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  const byModule = instances.get(memory) ?? new Map<WebAssembly.Module, WebAssembly.Exports>();
  instances.set(memory, byModule);
  let e = byModule.get(m);
  if (!e) {
    try {
      e = new WebAssembly.Instance(m, { env: { memory } }).exports;
    } catch {
      return null;
    }
    byModule.set(m, e);
  }
  return e;
}
