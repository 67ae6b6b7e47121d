import type { ShapeContext } from '../layer.js';
import { expectRank, pads4, pair, windowOut } from './attrs.js';

/** Attrs common to AvgPool2d and MaxPool2d: `kernel`, `strides` (default: the kernel), `pads`. */
export function poolAttrs(a: Readonly<Record<string, unknown>>): {
  kernel: [number, number];
  strides: [number, number];
  pads: [number, number, number, number];
} {
  const kernel = pair(a, 'kernel', undefined);
  const strides = pair(a, 'strides', kernel);
  const pads = pads4(a);
  const d = pair(a, 'dilations', [1, 1]);
  const eff = [0, 1].map((i) => (kernel[i] - 1) * d[i] + 1);
  if (pads[0] >= eff[0] || pads[2] >= eff[0] || pads[1] >= eff[1] || pads[3] >= eff[1]) {
    throw new Error(`pads [${pads.join(', ')}] must each be smaller than the (dilated) kernel [${eff.join(', ')}]`);
  }
  return { kernel, strides, pads };
}

/** Output shape of a 2-D pooling window over NHWC. */
export function poolShape({ attrs, inputShapes: [x] }: ShapeContext): number[] {
  expectRank(x, 3, 'the input');
  const [k, s, p] = [attrs.kernel as number[], attrs.strides as number[], attrs.pads as number[]];
  const d = (attrs.dilations as number[] | undefined) ?? [1, 1];
  const h = windowOut(x[0], k[0], s[0], p[0], p[2], d[0]);
  const w = windowOut(x[1], k[1], s[1], p[1], p[3], d[1]);
  if (h < 1 || w < 1) throw new Error(`a ${k[0]}x${k[1]} window with pads [${p.join(', ')}] does not fit the input [${x.join(', ')}]`);
  return [h, w, x[2]];
}

/** tfjs paddings for `tf.pad` of an NHWC tensor from `[top, left, bottom, right]`. */
export function nhwcPaddings(p: readonly number[]): Array<[number, number]> {
  return [
    [0, 0],
    [p[0], p[2]],
    [p[1], p[3]],
    [0, 0],
  ];
}
