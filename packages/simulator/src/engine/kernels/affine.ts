import { tensorKernel } from './tensor.js';
import type { LayerKernel } from './types.js';

/** The per-channel shift of an Affine with no scale: C values, C the input's last axis (`[C]` or `[1, …, 1, C]`), else undefined. */
function channelShift(l: Parameters<LayerKernel['fits']>[0]): number | undefined {
  const { scale, shift } = l.node.params;
  const C = l.inputShape[l.inputShape.length - 1];
  if (scale || !shift || shift.dtype !== 'float32' || shift.shape[shift.shape.length - 1] !== C) return undefined;
  return shift.shape.slice(0, -1).every((d) => d === 1) ? C : undefined;
}

/**
 * Affine with only a per-channel shift (y = x + b, b one value per channel of the last axis: the bias
 * that bias correction splits off a Conv2d / Linear) in the kernel arena: the SIMD `addRows`, each
 * sum an IEEE float32 addition — what `tf.add(x, b)` gives, bit for bit. Keeps the sums the layer
 * made in the arena for the neuron that reads them, instead of a tensor per chunk and its read-back.
 * On the wasm backend, channels a multiple of 4; an input not in the chunk's values (a static one)
 * runs the layer.
 */
export const affineKernel: LayerKernel = {
  kind: 'layer',
  op: 'Affine',
  name: 'wasm-affine',
  priority: 10,
  fits: (l, backend) => {
    const C = channelShift(l);
    return backend === 'wasm' && l.arena !== undefined && l.node.inputs.length === 1 && C !== undefined && C % 4 === 0;
  },
  create: (layer) => {
    const { node, arena } = layer;
    const layerExec = tensorKernel.create(layer); // an input not in the chunk's values
    if (!arena) return layerExec;
    const row = node.params.shift.dataSync() as Float32Array;
    return {
      run(io) {
        const src = node.inputs[0];
        if (!io.values.has(src)) {
          layerExec.run(io);
          return;
        }
        const n = io.values.size(node.name);
        const x = io.values.arenaOffset(src);
        const y = arena.alloc(n);
        arena.addRow(x, row, y, n * 4);
        io.values.setArray(node.name, arena.view(y, n));
      },
    };
  },
};
