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

/** IF neurons fused with the 2×2 average pooling that reads them (WebAssembly SIMD); outputs the pooled map. */
export class WasmIfPoolExec extends WasmNeuronExec {
  private readonly lut: Float32Array;

  constructor(
    p: NeuronArrays,
    private readonly shape: readonly number[],
    arena: KernelArena,
    readonly fuses?: GraphNode,
  ) {
    super(p, shape[0] * shape[1] * shape[2], arena, Math.floor(shape[0] / 2) * Math.floor(shape[1] / 2) * shape[2]);
    this.lut = poolLut(p.amp, shape[2]);
  }

  protected thetaValues(): Float32Array {
    return perElement(this.p.theta, this.shape[2]);
  }

  protected tableValues(): Float32Array {
    return this.lut;
  }

  protected step(x: number, out: number): void {
    const { fn } = this.arena;
    const [H, W, C] = this.shape;
    const vr = this.p.vReset;
    const g = [this.n * 4, W * C * 4, C * 4, H * W * C * 4, 2 * Math.floor(H / 2) * W * C * 4, 2 * Math.floor(W / 2) * C * 4] as const;
    if (vr === null) fn.ifPoolSoft(x, this.v, out, this.th, this.table, ...g);
    else fn.ifPoolHard(x, this.v, out, this.th, this.table, ...g, vr);
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
