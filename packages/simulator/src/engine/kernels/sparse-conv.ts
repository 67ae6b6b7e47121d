import type { GraphNode } from '@snn/graph';
import { callLayer } from '../layer-call.js';
import type { KernelArena } from '../wasm/arena.js';
import type { ConvGeometry } from '../wasm/sparse-conv-module.js';
import { SparseConv } from './sparse-layer.js';
import type { KernelLayer, LayerKernel } from './types.js';

export { SparseConv } from './sparse-layer.js';

/** Above this density of non-zero inputs a chunk's convolution runs dense (measured break-even ≈ 0.45). */
export const SPARSE_MAX_DENSITY = 0.35;

/** The geometry of a Conv2d node the sparse kernels can run (one group, no dilation), else undefined. */
export function convGeometry(node: GraphNode, input: readonly number[]): ConvGeometry | undefined {
  if (node.op !== 'Conv2d' || input.length !== 3) return undefined;
  const a = node.attrs as { strides: number[]; pads: number[]; dilations: number[]; groups: number };
  if (a.groups !== 1 || a.dilations.some((d) => d !== 1)) return undefined;
  const [kh, kw, C, M] = node.params.weight.shape;
  return { H: input[0], W: input[1], C, M, kh, kw, sh: a.strides[0], sw: a.strides[1], pt: a.pads[0], pl: a.pads[1], Ho: node.shape[0], Wo: node.shape[1] };
}

/** A Linear `[C] → [M]` as the geometry of a 1×1 convolution of a 1×1 image (its weights `[C, M]` are HWIO `[1, 1, C, M]`). */
export function linearGeometry(node: GraphNode, input: readonly number[]): ConvGeometry | undefined {
  if (node.op !== 'Linear' || input.length !== 1) return undefined;
  const [C, M] = node.params.weight.shape;
  return { H: 1, W: 1, C, M, kh: 1, kw: 1, sh: 1, sw: 1, pt: 0, pl: 0, Ho: 1, Wo: 1 };
}

/**
 * A kernel for layers of spikes that skip the zero inputs, where the sums match the backend's own
 * layer bit for bit; a chunk whose input is denser than {@link SPARSE_MAX_DENSITY} runs the dense layer.
 */
function sparseKernel(op: string, name: string, geometry: (node: GraphNode, input: readonly number[]) => ConvGeometry | undefined): LayerKernel {
  const make = (l: KernelLayer) => {
    const G = geometry(l.node, l.inputShape);
    return G && new SparseConv(l.node, G, l.arena as KernelArena, l.inputShape);
  };
  return {
    kind: 'layer',
    op,
    name,
    priority: 20,
    fits: (l) => Boolean(l.arena && (l.engine.sparse ?? true) && l.spikyInput && make(l)?.matchesLayer()),
    create(l) {
      const { node } = l;
      const conv = make(l) as SparseConv;
      return {
        begin: () => conv.begin(),
        run(io) {
          const c = conv.compress(io.values.arenaOffset(node.inputs[0]), io.rows);
          if (c.density <= SPARSE_MAX_DENSITY) io.values.setArray(node.name, c.accumulate());
          else
            io.values.setTensor(
              node.name,
              callLayer(
                node,
                node.inputs.map((_, k) => io.input(k)),
              ),
            );
        },
      };
    },
  };
}

/** Convolutions of spikes that skip the zero inputs (any number of output channels). */
export const sparseConvKernel = sparseKernel('Conv2d', 'sparse-conv', convGeometry);

/** Linear layers fed by spikes (or their pooling, flattened) that skip the zero inputs. */
export const sparseLinearKernel = sparseKernel('Linear', 'sparse-linear', linearGeometry);
