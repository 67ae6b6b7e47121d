import { existsSync } from 'node:fs';
import { loadWebgpuBackend } from '../factories/webgpu.js';
import type { BackendFactory } from '../types.js';

/** Debian's chromium ships SwiftShader's Vulkan driver, which Dawn accepts (lavapipe it rejects). */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * WebGPU in Node through the `webgpu` package (Dawn). Installs `navigator.gpu` and the WebGPU
 * globals, then loads tfjs-backend-webgpu. Without a GPU driver, SwiftShader is used when found.
 */
export const webgpuNodeFactory: BackendFactory = {
  priority: 0, // only when asked: SwiftShader is ~100x slower than wasm
  async load() {
    const g = globalThis as Record<string, unknown> & { navigator?: { gpu?: unknown } };
    if (!g.navigator?.gpu) {
      let mod: { create(flags: string[]): unknown; globals: Record<string, unknown> };
      try {
        mod = (await import(/* @vite-ignore */ 'webgpu' as string)) as typeof mod;
      } catch {
        throw new Error("the 'webgpu' package is not installed (pnpm add webgpu@0.6.2)");
      }
      if (!process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
      process.env.XDG_RUNTIME_DIR ??= '/tmp';
      Object.assign(globalThis, mod.globals);
      const gpu = mod.create([]);
      Object.defineProperty(globalThis, 'navigator', { value: { ...(g.navigator ?? {}), gpu }, configurable: true, writable: true });
    }
    return loadWebgpuBackend();
  },
};
