import type { LayerKernel } from './types.js';

/** Ops whose output holds their input's values unchanged, row-major (at inference). */
export const VIEW_OPS: readonly string[] = ['Flatten', 'Identity', 'Dropout'];

/**
 * Flatten (an NHWC map in H·W·C order), Identity and inference-mode Dropout without a copy: the
 * output is the input's values under the node's name, in whatever form they are (arena region,
 * array or tensor), so a kernel reading it keeps the arena offset. On the CPU backends (wasm, cpu).
 */
function viewKernel(op: string): LayerKernel {
  return {
    kind: 'layer',
    op,
    name: 'view',
    priority: 10,
    fits: (l, backend) => l.node.inputs.length === 1 && (backend === 'wasm' || backend === 'cpu'),
    create: ({ node }) => ({ run: (io) => io.values.alias(node.name, node.inputs[0]) }),
  };
}

/** One view kernel per op of {@link VIEW_OPS}. */
export const viewKernels: readonly LayerKernel[] = VIEW_OPS.map(viewKernel);
