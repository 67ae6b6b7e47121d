import * as tf from '@tensorflow/tfjs-core';
import { getBackendFactory, listBackendFactories } from './registry.js';
import { type BackendAttempt, type BackendName, type BackendReport, BackendUnavailableError, type InitOptions } from './types.js';

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/**
 * Picks and initialises a TensorFlow.js backend.
 *
 * - `initBackend()` tries the platform's backends by priority (Node: tensorflow → wasm → cpu;
 *   browser: webgpu → wasm → cpu) and keeps the first that starts.
 * - `initBackend('webgpu')` is strict: it throws {@link BackendUnavailableError} if webgpu cannot start.
 * - `initBackend(['webgpu', 'wasm'])` falls back in the order given.
 *
 * @example
 * const { backend, attempts } = await initBackend();
 * console.log(backend, attempts.filter((a) => !a.ok).map((a) => `${a.name}: ${a.reason}`));
 */
export async function initBackend(preference?: BackendName | BackendName[] | InitOptions): Promise<BackendReport> {
  const opts: InitOptions =
    typeof preference === 'string' ? { order: [preference], strict: true } : Array.isArray(preference) ? { order: preference } : (preference ?? {});
  const order = opts.order ?? listBackendFactories();
  const attempts: BackendAttempt[] = [];
  for (const name of order) {
    const t0 = performance.now();
    const factory = getBackendFactory(name);
    try {
      if (!factory) throw new Error(`backend '${name}' is not offered on this platform (known here: ${listBackendFactories().join(', ')})`);
      const detail = await factory.load(opts);
      if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') returned false`);
      await tf.ready();
      attempts.push({ name, ok: true, reason: detail || undefined, ms: performance.now() - t0 });
      return { backend: name, attempts };
    } catch (e) {
      attempts.push({ name, ok: false, reason: errorText(e), ms: performance.now() - t0 });
      if (opts.strict) break;
    }
  }
  const lines = attempts.map((a) => `  ${a.name}: ${a.reason}`).join('\n');
  throw new BackendUnavailableError(`No tensor backend could be started from [${order.join(', ')}]:\n${lines}`, attempts);
}
