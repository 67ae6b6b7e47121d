import { builtinKernels } from './builtin.js';
import type { Kernel, KernelLayer } from './types.js';

const keyOf = (k: Pick<Kernel, 'op' | 'name'>) => `${k.op}\u0000${k.name}`;
// Filled from the explicit list in builtin.ts at module load, so no bundler can prune the registrations.
const kernels = new Map<string, Kernel>(builtinKernels.map((k) => [keyOf(k), k]));

/**
 * Registers a simulator kernel under (op, name), as tfjs' `registerKernel` does under (kernel,
 * backend); a later registration with the same pair replaces the earlier one.
 *
 * @example
 * registerKernel({ kind: 'layer', op: 'MaxPool2d', name: 'my-pool', priority: 20, fits: (l) => l.spikyInput, create: (l) => new MyPool(l) });
 */
export function registerKernel(kernel: Kernel): void {
  if (!kernel || !kernel.op || !kernel.name || typeof kernel.fits !== 'function' || typeof kernel.create !== 'function')
    throw new TypeError('registerKernel: a kernel needs kind, op, name, priority, fits(layer, backend) and create(layer)');
  kernels.set(keyOf(kernel), kernel);
}

/** Removes the kernel registered under (op, name), if any. */
export function unregisterKernel(op: string, name: string): void {
  kernels.delete(keyOf({ op, name }));
}

/** Every registered kernel, highest priority first. */
export function listKernels(): Kernel[] {
  return [...kernels.values()].sort((a, b) => b.priority - a.priority);
}

/**
 * The kernel that runs `layer`: of those registered for its op (or `'*'`) and its kind, the one of
 * highest priority that fits; undefined when none does.
 */
export function resolveKernel(layer: KernelLayer, backend: string): Kernel | undefined {
  const kind = layer.role === 'spiking' ? 'neuron' : 'layer';
  return listKernels().find((k) => k.kind === kind && (k.op === layer.node.op || k.op === '*') && k.fits(layer, backend));
}
