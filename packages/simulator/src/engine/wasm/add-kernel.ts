import { forLoop, i32Sum } from './control.js';
import { body, I32, op } from '@snn/core';
import { frame } from './frame.js';

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
