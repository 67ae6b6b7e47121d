// Picks the GPU backend for the CLI pipeline: CUDA through tfjs-node-gpu where it is installed, else
// WebGPU in Node through the `webgpu` package (Dawn; SwiftShader when no GPU driver is set).
import { getBackendFactory, initBackend, registerBackendFactory } from '@snn/backend';

/** Best first. `wasm` only when asked for (`--allow-cpu`): it is not a GPU. */
export const GPU_ORDER = ['tensorflow', 'webgpu'];

/**
 * tfjs-node-gpu is not a dependency of this example (its install downloads libtensorflow): when you
 * `pnpm add @tensorflow/tfjs-node-gpu@4.22.0` here, it is found from this folder, then the
 * backend's own loader (which looks from @snn/backend's folder) is tried.
 */
const packaged = getBackendFactory('tensorflow');
registerBackendFactory('tensorflow', {
  priority: packaged?.priority ?? 4,
  async load(opts) {
    const tried = [];
    for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
      try {
        await import(pkg);
        return `${pkg} (from examples/node-gpu)`;
      } catch (e) {
        tried.push(`${pkg}: ${String(e.message).split('\n')[0]}`);
      }
    }
    if (packaged) return packaged.load(opts);
    throw new Error(`tfjs-node-gpu is not installed (${tried.join('; ')})`);
  },
});

/** Starts the first backend of `order` that works; the report says why the others did not. */
export function startGpuBackend(order = GPU_ORDER) {
  return initBackend({ order });
}

/** "webgpu (google swiftshader) — skipped tensorflow: …" */
export function describeReport(report) {
  const ok = report.attempts.find((a) => a.ok);
  const skipped = report.attempts.filter((a) => !a.ok).map((a) => `${a.name}: ${a.reason}`);
  return `${report.backend}${ok?.reason ? ` (${ok.reason})` : ''}${skipped.length ? ` — skipped ${skipped.join('; ')}` : ''}`;
}
