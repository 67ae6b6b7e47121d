import { body, F32, I32, V128, op, i32Sum, increment, unless, frame } from '@snn/core';

const get = op.localGet;
const set = op.localSet;

/** Channel vectors summed per pass (four independent add chains, all in registers). */
const GROUP = 4;

/**
 * `gap(x, y, rows, pos, cBytes, hw)`: the global average pool of `rows` maps `[pos, C]` (NHWC, pos =
 * H·W, cBytes = C·4 a multiple of 16) into `[rows, C]`, four channels per lane vector:
 *
 *   y[r, c] = fl(Σ_{p < pos} x[r, p, c]) / hw
 *
 * the sum over the positions in row-major order, each f32x4.add an IEEE float32 addition, then one
 * f32x4.div — `tf.mean` over [1, 2] on the wasm backend, bit for bit. Channels run in groups of
 * {@link GROUP} vectors (then single vectors for the rest) so that the add chains overlap.
 * Returns the parameter types and the body.
 */
export function gapKernel(): [number[], number[]] {
  const [$, sig] = frame(
    { x: I32, y: I32, rows: I32, pos: I32, cBytes: I32, hw: F32 },
    // rx/ry: the row's byte offsets in x and y; rowBytes: pos·cBytes; grouped: the bytes of C the groups cover;
    // cb: the channel block's byte offset; pb: the position's byte offset in the row; addr; hv: hw in every lane
    { rx: I32, ry: I32, rowBytes: I32, grouped: I32, cb: I32, pb: I32, addr: I32, hv: V128, a0: V128, a1: V128, a2: V128, a3: V128 },
  );
  const accs = [$.a0, $.a1, $.a2, $.a3];
  /** Sums `k` vectors of channels from byte cb over every position, then stores them ÷ hw; cb += 16k. */
  const block = (k: number) => [
    ...accs.slice(0, k).flatMap((a) => [...op.i32Const(0), ...op.i32x4Splat, ...set(a)]),
    ...op.i32Const(0),
    ...set($.pb),
    ...op.loop,
    ...i32Sum(get($.x), get($.rx), get($.pb), get($.cb)),
    ...set($.addr),
    ...accs.slice(0, k).flatMap((a, j) => [...get(a), ...get($.addr), ...op.v128Load(16 * j), ...op.f32x4Add, ...set(a)]),
    ...increment($.pb, get($.cBytes)),
    ...get($.pb),
    ...get($.rowBytes),
    ...op.i32LtU,
    ...op.brIf(0),
    ...op.end,
    ...i32Sum(get($.y), get($.ry), get($.cb)),
    ...set($.addr),
    ...accs.slice(0, k).flatMap((a, j) => [...get($.addr), ...get(a), ...get($.hv), ...op.f32x4Div, ...op.v128Store(16 * j)]),
    ...increment($.cb, op.i32Const(16 * k)),
  ];
  /** `while (cb < end) body` (the test at the top: the loop may have no trip). */
  const whileBelow = (end: number[], inner: number[]) =>
    unless([...get($.cb), ...end, ...op.i32GeU], [...op.loop, ...inner, ...get($.cb), ...end, ...op.i32LtU, ...op.brIf(0), ...op.end]);
  const row = [
    ...op.i32Const(0),
    ...set($.cb),
    ...whileBelow(get($.grouped), block(GROUP)),
    ...whileBelow(get($.cBytes), block(1)),
    ...increment($.rx, get($.rowBytes)),
    ...increment($.ry, get($.cBytes)),
  ];
  const code = [
    ...get($.hw),
    ...op.f32x4Splat,
    ...set($.hv),
    ...get($.pos),
    ...get($.cBytes),
    ...op.i32Mul,
    ...set($.rowBytes),
    ...get($.cBytes),
    ...op.i32Const(-16 * GROUP),
    ...op.i32And,
    ...set($.grouped),
    ...unless(
      [...get($.rows), ...op.i32Eqz],
      [...op.loop, ...row, ...get($.ry), ...get($.rows), ...get($.cBytes), ...op.i32Mul, ...op.i32LtU, ...op.brIf(0), ...op.end],
    ),
  ];
  return [sig.params, body(sig.locals, code)];
}
