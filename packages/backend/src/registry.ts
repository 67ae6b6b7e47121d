import type { BackendFactory, BackendName } from './types.js';

const factories = new Map<BackendName, BackendFactory>();

/**
 * Registers how to start a backend (onnxruntime's `registerBackend(name, factory, priority)`).
 * A platform entry point registers only what it can run.
 */
export function registerBackendFactory(name: BackendName, factory: BackendFactory): void {
  factories.set(name, factory);
}

/** The factory registered under `name` (by {@link registerBackendFactory}), or undefined. */
export function getBackendFactory(name: BackendName): BackendFactory | undefined {
  return factories.get(name);
}

/** Registered backend names, highest priority first. */
export function listBackendFactories(): BackendName[] {
  return [...factories.entries()].sort((a, b) => b[1].priority - a[1].priority).map(([n]) => n);
}
