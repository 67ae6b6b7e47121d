import type { ImportContext, TensorValue } from '../context.js';
import type { OnnxNode } from '../proto/types.js';
import type { HostTensor } from '../tensor/host-tensor.js';

/**
 * Reorders the rows of a `[in, out]` weight (or the entries of a per-feature vector, `out = 1`)
 * that reads a flattened `[C, H, W]` map: ONNX numbers feature (c, h, w) as c·H·W + h·W + w, the
 * graph's NHWC Flatten as (h·W + w)·C + c.
 */
export function rowsToHwc(t: HostTensor, chw: [number, number, number], cols: number): HostTensor {
  const [c, h, w] = chw;
  const out = new Float32Array(t.data.length);
  for (let ci = 0; ci < c; ci++)
    for (let hi = 0; hi < h; hi++)
      for (let wi = 0; wi < w; wi++) {
        const from = (ci * h * w + hi * w + wi) * cols;
        const to = ((hi * w + wi) * c + ci) * cols;
        for (let k = 0; k < cols; k++) out[to + k] = t.data[from + k];
      }
  return { ...t, data: out };
}

/** Checks that a `[K, N]` weight fits a vector input and reorders its rows for an HWC-flattened one. */
export function linearWeight(node: OnnxNode, ctx: ImportContext, x: TensorValue, w: HostTensor): HostTensor {
  if (x.shape.length !== 1)
    throw ctx.fail(node, 'unsupported-op', `its input has shape [N, ${x.shape.join(', ')}]; only [N, features] inputs are supported (Flatten first)`);
  if (w.dims[0] !== x.shape[0])
    throw ctx.fail(node, 'graph', `weight [${w.dims.join(', ')}] (as [in, out]) does not fit ${x.shape[0]} input features`, { tensor: w.name });
  return x.hwcOf ? rowsToHwc(w, x.hwcOf, w.dims[1]) : w;
}
