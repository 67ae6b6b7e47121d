import type { OpHandler } from '../registry.js';

/** ONNX `Identity`: its output is its input (computed, constant or pending Pad alike); no node is emitted. */
export const identity: OpHandler = {
  opType: 'Identity',
  note: 'no node: passes its input through',
  sinceOpset: 1,
  convert(node, ctx) {
    ctx.define(node.outputs[0], ctx.value(node, 0));
  },
};
