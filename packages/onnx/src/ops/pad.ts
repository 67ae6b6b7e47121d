import type { Pads4 } from './spatial.js';
import type { OpHandler } from '../registry.js';

/**
 * ONNX `Pad` with mode 'constant' over H and W of an NCHW tensor (or L of an NCL one). It emits nothing: the padding
 * waits on its output and is folded into the Conv, AveragePool or MaxPool that reads it
 * (PyTorch exports AvgPool2d as Pad + AveragePool). Pads are the `pads` attribute before opset 11
 * and the constant input 1 after ([x1_begin, x2_begin, …, x1_end, x2_end]; opset 18 `axes`
 * selects the axes they apply to); the value is `value` / input 2 (default 0).
 */
export const pad: OpHandler = {
  opType: 'Pad',
  note: 'constant mode over the spatial axes, folded into the Conv or pool after it',
  convert(node, ctx) {
    const a = ctx.attrs(node);
    const mode = a.string('mode', 'constant');
    if (mode !== 'constant') throw ctx.fail(node, 'unsupported-attr', `mode '${mode}' is not supported; only 'constant' padding is`);
    const x = ctx.tensor(node, 0);
    const rank = x.shape.length + 1;
    let pads: number[];
    let value = 0;
    if (ctx.opset < 11) {
      pads = a.ints('pads');
      value = a.float('value', 0);
    } else {
      const p = ctx.constant(node, 1);
      if (!p || p.kind !== 'int') throw ctx.fail(node, 'unsupported-op', 'its pads input must be a constant int64 tensor', { tensor: node.inputs[1] });
      pads = Array.from(p.data);
      const v = ctx.constant(node, 2);
      if (v) value = v.data[0];
      const axesT = ctx.constant(node, 3);
      if (axesT) {
        const axes = Array.from(axesT.data, (ax) => (ax < 0 ? ax + rank : ax));
        const full = new Array<number>(2 * rank).fill(0);
        axes.forEach((ax, k) => {
          full[ax] = pads[k];
          full[ax + rank] = pads[k + axes.length];
        });
        pads = full;
      }
    }
    if ((rank !== 3 && rank !== 4) || pads.length !== 2 * rank)
      throw ctx.fail(
        node,
        'unsupported-op',
        `padding a rank-${rank} tensor with pads [${pads.join(', ')}] is not supported; only spatial padding of NCL and NCHW is`,
      );
    if (pads.some((p) => !Number.isInteger(p) || p < 0))
      throw ctx.fail(node, 'unsupported-attr', `negative or non-integer pads [${pads.join(', ')}] are not supported`);
    if (pads[0] || pads[1] || pads[rank] || pads[rank + 1])
      throw ctx.fail(node, 'unsupported-op', `pads [${pads.join(', ')}] pad the batch or channel axis; only the spatial axes can be padded`);
    // A sequence [C, L] is the image [1, L]: its pads go to the left and right.
    const hw: Pads4 = rank === 4 ? [pads[2], pads[3], pads[6], pads[7]] : [0, pads[2], 0, pads[5]];
    ctx.define(node.outputs[0], { kind: 'padded', source: x, pads: hw, constant: value, padNode: node.name });
  },
};
