import { forLoop, i32Sum } from './control.js';
import { body, I32 } from './encode.js';
import { frame } from './frame.js';
import { op } from './opcodes.js';

const get = op.localGet;

/**
 * `add(a, b, y, bytes)`: y = a + b over `bytes / 4` float32 values (bytes a positive multiple of 16),
 * four lanes at a time; IEEE float32 sums, so the values are `tf.add`'s bit for bit. y may be a or b.
 * Returns the parameter types and the body.
 */
export function addKernel(): [number[], number[]] {
  const [$, sig] = frame({ a: I32, b: I32, y: I32, bytes: I32 }, { i: I32 });
  const code = forLoop($.i, get($.bytes), op.i32Const(16), [
    ...i32Sum(get($.y), get($.i)),
    ...i32Sum(get($.a), get($.i)),
    ...op.v128Load(),
    ...i32Sum(get($.b), get($.i)),
    ...op.v128Load(),
    ...op.f32x4Add,
    ...op.v128Store(),
  ]);
  return [sig.params, body(sig.locals, code)];
}

/**
 * `addRows(x, d, y, bytes, row)`: y[i] = x[i] + d[i mod (row / 4)] over `bytes / 4` float32 values — one
 * vector d (`row` bytes) added to every row of x, as a driven neuron's input X + d (`drive.ts`) or a
 * layer's bias — four lanes at a time; IEEE float32 sums, so the values are `tf.add`'s bit for bit.
 * `bytes` a positive multiple of `row`, `row` a positive multiple of 16; y may be x. Returns the parameter types and the body.
 */
export const addRowsKernel = (): [number[], number[]] => rowsKernel(op.f32x4Add);

/** `mulRows(x, d, y, bytes, row)`: y[i] = x[i] · d[i mod (row / 4)], as {@link addRowsKernel} with IEEE float32 products (`tf.mul`'s bits). */
export const mulRowsKernel = (): [number[], number[]] => rowsKernel(op.f32x4Mul);

/** y[i] = x[i] ∘ d[i mod (row / 4)] for the lane-wise binary op `lanes` (f32x4.add, f32x4.mul); see {@link addRowsKernel}. */
function rowsKernel(lanes: number[]): [number[], number[]] {
  const [$, sig] = frame({ x: I32, d: I32, y: I32, bytes: I32, row: I32 }, { r: I32, j: I32 });
  const code = forLoop(
    $.r,
    get($.bytes),
    get($.row),
    forLoop($.j, get($.row), op.i32Const(16), [
      ...i32Sum(get($.y), get($.r), get($.j)),
      ...i32Sum(get($.x), get($.r), get($.j)),
      ...op.v128Load(),
      ...i32Sum(get($.d), get($.j)),
      ...op.v128Load(),
      ...lanes,
      ...op.v128Store(),
    ]),
  );
  return [sig.params, body(sig.locals, code)];
}
