import type { GraphNode } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import type { NeuronArrays } from '@snn/neuron';
import type { KernelArena } from '../wasm/arena.js';
import { perElement } from './per-element.js';
import type { NeuronKernel } from './types.js';
import { wasmIfFits } from './wasm-if.js';
import { WasmNeuronExec } from './wasm-neuron.js';

/**
 * True when an IF node and the AvgPool2d reading it can run as one kernel: binary spikes, the pool
 * 2×2 with stride 2 and no padding (an odd last row or column is dropped, ⌊H/2⌋ × ⌊W/2⌋ windows),
 * H and W at least 2, channels a multiple of 4.
 */
export function canFuseIfPool(p: NeuronArrays, shape: readonly number[], pool: GraphNode): boolean {
  if (pool.op !== 'AvgPool2d' || shape.length !== 3) return false;
  const k = pool.attrs.kernel as number[];
  const s = pool.attrs.strides as number[];
  const pads = pool.attrs.pads as number[];
  const [H, W, C] = shape;
  return (
    wasmIfFits(p, H * W * C) &&
    k[0] === 2 &&
    k[1] === 2 &&
    s[0] === 2 &&
    s[1] === 2 &&
    pads.every((x) => x === 0) &&
    H >= 2 &&
    W >= 2 &&
    pool.shape[0] === Math.floor(H / 2) &&
    pool.shape[1] === Math.floor(W / 2) &&
    C % 4 === 0
  );
}

/**
 * What `tf.avgPool` (2×2) gives on the backend in use for m = 1..4 firing cells of amplitude a_c:
 * rows m − 1 of `[4, C]`. Sums of equal values make the result independent of which cells fire.
 */
export function poolLut(amp: Float32Array, C: number): Float32Array {
  return tf.tidy(() => {
    const a = perElement(amp, C);
    const cells = new Float32Array(4 * 4 * C);
    for (let m = 1; m <= 4; m++) for (let k = 0; k < m; k++) cells.set(a, ((m - 1) * 4 + k) * C);
    return tf.avgPool(tf.tensor4d(cells, [4, 2, 2, C]), 2, 2, 'valid').dataSync() as Float32Array;
  });
}

/**
 * True when every row of the pooling LUT `[4, C]` is m · LUT[0] in float32 (m = 1..4) and LUT[0] ≥ +0
 * (so 0 · LUT[0] is +0, as the pooling of no spike): then the pooled value is the spike count times
 * LUT[0], bit for bit. (Math.fround of the exact double product is the float32 product.)
 */
export function scaledLut(lut: Float32Array, C: number): boolean {
  for (let c = 0; c < C; c++) {
    const q = lut[c];
    if (!(q > 0 || Object.is(q, 0))) return false;
    for (let m = 2; m <= 4; m++) if (!Object.is(lut[(m - 1) * C + c], Math.fround(m * q))) return false;
  }
  return true;
}

/** IF neurons fused with the 2×2 average pooling that reads them (WebAssembly SIMD); outputs the pooled map. */
export class WasmIfPoolExec extends WasmNeuronExec {
  private readonly lut: Float32Array;
  /** 1 when LUT[m − 1] = m · LUT[0] in float32 for every channel (the kernel then multiplies instead of selecting). */
  private readonly scaled: number;

  constructor(
    p: NeuronArrays,
    private readonly shape: readonly number[],
    arena: KernelArena,
    readonly fuses?: GraphNode,
  ) {
    super(p, shape[0] * shape[1] * shape[2], arena, Math.floor(shape[0] / 2) * Math.floor(shape[1] / 2) * shape[2]);
    this.lut = poolLut(p.amp, shape[2]);
    this.scaled = scaledLut(this.lut, shape[2]) ? 1 : 0;
  }

  protected thetaValues(): Float32Array {
    return perElement(this.p.theta, this.shape[2]);
  }

  protected tableValues(): Float32Array {
    return this.lut;
  }

  protected step(x: number, out: number): void {
    this.runSteps(x, out, 1, 0, 0);
  }

  /** The steps innermost (see `ifPoolKernel`): the static-input kernel where the input is the same at every step. */
  protected override runSteps(x: number, out: number, steps: number, xStep: number, outStep: number): void {
    const { fn } = this.arena;
    const [H, W, C] = this.shape;
    const vr = this.p.vReset;
    const g = [
      this.n * 4,
      W * C * 4,
      C * 4,
      H * W * C * 4,
      2 * Math.floor(H / 2) * W * C * 4,
      2 * Math.floor(W / 2) * C * 4,
      steps,
      xStep,
      outStep,
      this.scaled,
    ] as const;
    const same = xStep === 0;
    if (vr === null) (same ? fn.ifPoolSoftStatic : fn.ifPoolSoft)(x, this.v, out, this.th, this.table, ...g);
    else (same ? fn.ifPoolHardStatic : fn.ifPoolHard)(x, this.v, out, this.th, this.table, ...g, vr);
  }
}

/** IF + the 2×2 AvgPool2d that is its only reader, in one SIMD kernel (the spike map is never materialised). */
export const ifPoolKernel: NeuronKernel = {
  kind: 'neuron',
  op: 'IF',
  name: 'wasm-if-pool',
  priority: 30,
  fits: (l) =>
    l.arena !== undefined &&
    l.neuron !== undefined &&
    (l.engine.fuse ?? true) &&
    !l.isOutput &&
    l.readers.length === 1 &&
    !l.observed &&
    canFuseIfPool(l.neuron, l.node.shape, l.readers[0]),
  create: (l) => new WasmIfPoolExec(l.neuron as NeuronArrays, l.node.shape, l.arena as KernelArena, l.readers[0]),
};
