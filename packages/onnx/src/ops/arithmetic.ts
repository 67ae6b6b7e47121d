import type { ImportContext } from '../context.js';
import type { OnnxNode } from '../proto/types.js';
import { emitAffine } from './affine-fold.js';
import { graphConstant } from './constant-operand.js';
import { addTensors } from './add-tensors.js';

/** The four ONNX arithmetic ops; `x ∘ c` and `c ∘ x` as affine maps where they are ones. */
export type Arith = 'Add' | 'Sub' | 'Mul' | 'Div';

/**
 * ONNX `Add`/`Sub`/`Mul`/`Div` (NumPy broadcasting). With one constant operand c the op is affine in
 * the other, x: x + c, x − c, c − x = x·(−1) + c, x·c, x / c = x·(1/c); see {@link emitAffine} for
 * where it folds. Two computed operands of one shape: Add → `Add`, Sub → `Add` of x and y·(−1);
 * their product or quotient, and c / x, are not affine and are refused.
 */
export function convertArithmetic(op: Arith, node: OnnxNode, ctx: ImportContext) {
  const [va, vb] = [ctx.value(node, 0), ctx.value(node, 1)];
  if (va.kind === 'constant' && vb.kind === 'constant') throw ctx.fail(node, 'unsupported-op', 'both operands are constants (fold them before export)');
  if (va.kind !== 'constant' && vb.kind !== 'constant') {
    if (op === 'Add') return addTensors(node, ctx, [ctx.tensor(node, 0, { allowHwc: true }), ctx.tensor(node, 1, { allowHwc: true })]);
    if (op === 'Sub') {
      const [x, y] = [ctx.tensor(node, 0, { allowHwc: true }), ctx.tensor(node, 1, { allowHwc: true })];
      const neg = ctx.emit(node, {
        name: `${node.name}/neg`,
        op: 'Affine',
        inputs: [y.ref],
        attrs: {},
        params: { scale: { name: `${node.name}/neg.scale`, dims: [1], kind: 'float', data: Float32Array.of(-1) } },
      });
      return addTensors(node, ctx, [x, { ...y, ref: neg }]);
    }
    throw ctx.fail(
      node,
      'unsupported-op',
      `${op === 'Mul' ? 'multiplying' : 'dividing'} two computed tensors is not supported; one operand must be a constant`,
    );
  }
  const xi = va.kind === 'constant' ? 1 : 0;
  const x = ctx.tensor(node, xi, { allowHwc: true });
  const c = ctx.constant(node, 1 - xi);
  if (!c) throw ctx.fail(node, 'graph', 'an operand is missing');
  const k = graphConstant(node, ctx, x, c);
  const map = <T extends { data: Float32Array | Float64Array }>(t: T, f: (v: number) => number): T => ({ ...t, data: Float32Array.from(t.data, f) });
  const neg = { tensor: map(k.tensor, (v) => -v), perChannel: k.perChannel && map({ data: k.perChannel }, (v) => -v).data };
  const minusOne = {
    tensor: { name: `${node.name}.scale`, dims: [1], kind: 'float' as const, data: Float32Array.of(-1) },
    perChannel: new Float32Array(x.shape[0]).fill(-1),
  };
  if (op === 'Add') return emitAffine(node, ctx, x, xi, { shift: k });
  if (op === 'Sub') return emitAffine(node, ctx, x, xi, xi === 0 ? { shift: neg } : { scale: minusOne, shift: k });
  if (op === 'Div' && xi === 1) throw ctx.fail(node, 'unsupported-op', `dividing the constant '${c.name}' by a computed tensor is not supported (not affine)`);
  if (op === 'Mul') return emitAffine(node, ctx, x, xi, { scale: k });
  const inv = { tensor: map(k.tensor, (v) => 1 / v), perChannel: k.perChannel && map({ data: k.perChannel }, (v) => 1 / v).data };
  emitAffine(node, ctx, x, xi, { scale: inv });
}
