import type { OpHandler } from '../registry.js';
import { imageInput, resolveWindow, spatialShape } from './spatial.js';

/**
 * ONNX `MaxPool` (1-D or 2-D) → `MaxPool2d` {kernel, strides, pads, dilations}; padding never
 * wins the max, so `ceil_mode=1`'s extra window is the same pool with more bottom/right padding.
 * Defaults: auto_pad='NOTSET', ceil_mode=0, dilations=1, pads=0, storage_order=0, strides=1.
 * A `Pad` in front folds in when its value cannot change a max: −∞, or 0 over a ReLU's output
 * when every window still covers a real element.
 */
export const maxPool: OpHandler = {
  opType: 'MaxPool',
  note: '→ MaxPool2d, 1-D or 2-D; ceil_mode, dilations, −∞ padding',
  convert(node, ctx) {
    const a = ctx.attrs(node);
    if (node.outputs[1] && ctx.isUsed(node.outputs[1])) throw ctx.fail(node, 'unsupported-op', 'its Indices output is used; only the values are supported');
    const { x, pad, rank, hw } = imageInput(node, ctx);
    const win = resolveWindow(node, ctx, a, hw, a.ints('kernel_shape'), pad?.pads, rank);
    if (pad && pad.constant !== Number.NEGATIVE_INFINITY) {
      const producer = ctx.specOf(x.ref);
      const nonNegative = producer?.op === 'ReLU' || (producer?.op === 'Clip' && Number(producer.attrs?.min) >= 0);
      // Every window must hold a real element: the first starts before the input ends its begin padding, the last inside the input.
      const covered = [0, 1].every((i) => {
        const eff = (win.kernel[i] - 1) * win.dilations[i] + 1;
        return win.pads[i] < eff && (win.out[i] - 1) * win.strides[i] < win.pads[i] + hw[i];
      });
      if (pad.constant !== 0 || !nonNegative || !covered)
        throw ctx.fail(
          node,
          'unsupported-op',
          `the Pad node ${pad.padNode} (value ${pad.constant}) cannot be folded into it: only −∞, or 0 after a ReLU, leaves the max unchanged`,
        );
    }
    const out = spatialShape(x.shape[0], win.out, rank);
    ctx.checkSize(node, out);
    const dilated = win.dilations.some((d) => d !== 1);
    const attrs = { kernel: win.kernel, strides: win.strides, pads: win.pads, ...(dilated ? { dilations: win.dilations } : {}) };
    const ref = ctx.emit(node, { op: 'MaxPool2d', inputs: [x.ref], attrs });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: out });
  },
};
