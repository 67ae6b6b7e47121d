import type { OpHandler } from '../registry.js';
import { imageInput, resolveWindow } from './spatial.js';

/**
 * ONNX `MaxPool` (2-D) → `MaxPool2d` {kernel, strides, pads}; padding never wins the max.
 * Defaults: auto_pad='NOTSET', ceil_mode=0, dilations=1, pads=0, storage_order=0, strides=1.
 * A `Pad` in front folds in when its value cannot change a max: −∞, or 0 over a ReLU's output
 * when every window still covers a real element.
 */
export const maxPool: OpHandler = {
  opType: 'MaxPool',
  convert(node, ctx) {
    const a = ctx.attrs(node);
    if (node.outputs[1] && ctx.isUsed(node.outputs[1])) throw ctx.fail(node, 'unsupported-op', 'its Indices output is used; only the values are supported');
    const { x, pad } = imageInput(node, ctx);
    const kernel = a.ints('kernel_shape');
    const win = resolveWindow(node, ctx, a, [x.shape[1], x.shape[2]], kernel, pad?.pads);
    if (win.dilations.some((d) => d !== 1)) throw ctx.fail(node, 'unsupported-attr', `dilations [${win.dilations.join(', ')}] are not supported for pooling`);
    if (pad && pad.constant !== Number.NEGATIVE_INFINITY) {
      const producer = ctx.specOf(x.ref);
      const nonNegative = producer?.op === 'ReLU' || (producer?.op === 'Clip' && Number(producer.attrs?.min) >= 0);
      const covered = win.pads.every((p, i) => p < kernel[i % 2]);
      if (pad.constant !== 0 || !nonNegative || !covered)
        throw ctx.fail(
          node,
          'unsupported-op',
          `the Pad node ${pad.padNode} (value ${pad.constant}) cannot be folded into it: only −∞, or 0 after a ReLU, leaves the max unchanged`,
        );
    }
    const out = [x.shape[0], win.out[0], win.out[1]];
    ctx.checkSize(node, out);
    const ref = ctx.emit(node, { op: 'MaxPool2d', inputs: [x.ref], attrs: { kernel: win.kernel, strides: win.strides, pads: win.pads } });
    ctx.define(node.outputs[0], { kind: 'tensor', ref, shape: out });
  },
};
