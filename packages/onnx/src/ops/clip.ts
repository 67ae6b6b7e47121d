import { shortestFloat32 } from '../float32.js';
import type { OpHandler } from '../registry.js';

/** float32's largest finite value: ONNX's default bounds for Clip, and JSON-safe unlike Infinity. */
const F32_MAX = 3.4028234663852886e38;

/**
 * ONNX `Clip` → `Clip` {min, max}: y = min(max(x, min), max). Opset < 11 reads the `min`/`max`
 * attributes, later opsets the optional constant inputs 1 and 2 (defaults: ∓float32 max).
 * Clip(0, +∞) is a ReLU and becomes one, so the converter can turn it into a spiking neuron.
 */
export const clip: OpHandler = {
  opType: 'Clip',
  note: '→ Clip, or ReLU for Clip(0, ∞); bounds from attributes or constant inputs',
  convert(node, ctx) {
    const x = ctx.tensor(node, 0, { allowHwc: true });
    let min = -F32_MAX;
    let max = F32_MAX;
    if (ctx.opset < 11) {
      const a = ctx.attrs(node);
      min = a.float('min', -F32_MAX);
      max = a.float('max', F32_MAX);
    } else {
      const bound = (i: number, def: number): number => {
        const t = ctx.constant(node, i);
        if (!t) return def;
        if (t.data.length !== 1) throw ctx.fail(node, 'unsupported-op', `its bound '${node.inputs[i]}' must be a scalar, got dims [${t.dims.join(', ')}]`);
        return t.data[0];
      };
      min = bound(1, -F32_MAX);
      max = bound(2, F32_MAX);
    }
    min = shortestFloat32(Math.max(min, -F32_MAX));
    max = shortestFloat32(Math.min(max, F32_MAX));
    const isRelu = min === 0 && max >= F32_MAX;
    const ref = ctx.emit(node, { op: isRelu ? 'ReLU' : 'Clip', inputs: [x.ref], attrs: isRelu ? {} : { min, max } });
    ctx.define(node.outputs[0], { ...x, ref });
  },
};
