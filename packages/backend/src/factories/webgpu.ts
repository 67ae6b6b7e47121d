import type { BackendFactory } from '../types.js';

/** Is `navigator.gpu` present (browsers, or Node after the `webgpu` package installed it)? */
export function hasNavigatorGpu(): boolean {
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  return nav?.gpu != null;
}

/** Loads tfjs-backend-webgpu once `navigator.gpu` exists and an adapter is granted. */
export async function loadWebgpuBackend(): Promise<string> {
  if (!hasNavigatorGpu()) throw new Error('navigator.gpu is missing: this browser has no WebGPU (Chromium needs --enable-unsafe-webgpu on Linux)');
  const gpu = (globalThis as unknown as { navigator: { gpu: { requestAdapter(): Promise<unknown> } } }).navigator.gpu;
  const adapter = (await gpu.requestAdapter()) as { info?: { vendor?: string; architecture?: string; description?: string } } | null;
  if (!adapter) throw new Error('navigator.gpu.requestAdapter() returned null: no WebGPU adapter');
  await import('@tensorflow/tfjs-backend-webgpu');
  const info = adapter.info;
  return info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') : 'adapter';
}

/** WebGPU in the browser. */
export const webgpuFactory: BackendFactory = { priority: 3, load: loadWebgpuBackend };
