import type { GraphNode } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import type { NeuronArrays } from './neuron-params.js';
import { type MembraneProbe, perElement, placeInput, type SpikingExec, WasmIfExec } from './spiking.js';
import type { KernelArena } from './wasm/arena.js';

/**
 * True when an IF node and the AvgPool2d reading it can run as one kernel: binary spikes, the pool
 * 2×2 with stride 2 and no padding, even H and W, channels a multiple of 4.
 */
export function canFuseIfPool(p: NeuronArrays, shape: readonly number[], pool: GraphNode): boolean {
  if (pool.op !== 'AvgPool2d' || shape.length !== 3) return false;
  const k = pool.attrs.kernel as number[];
  const s = pool.attrs.strides as number[];
  const pads = pool.attrs.pads as number[];
  const [H, W, C] = shape;
  return (
    WasmIfExec.fits(p, H * W * C) &&
    k[0] === 2 &&
    k[1] === 2 &&
    s[0] === 2 &&
    s[1] === 2 &&
    pads.every((x) => x === 0) &&
    H % 2 === 0 &&
    W % 2 === 0 &&
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
export class WasmIfPoolExec implements SpikingExec {
  private n = 0;
  private v = 0;
  private th = 0;
  private lutOff = 0;
  private xStatic = -1;
  private xCopied = false;
  private readonly lut: Float32Array;

  constructor(
    private readonly p: NeuronArrays,
    private readonly shape: readonly number[],
    private readonly arena: KernelArena,
  ) {
    this.lut = poolLut(p.amp, shape[2]);
  }

  begin(count: number, staticInput: boolean): void {
    const arena = this.arena;
    const C = this.shape[2];
    this.n = count * this.shape[0] * this.shape[1] * C;
    this.v = arena.alloc(this.n);
    this.th = arena.alloc(C);
    this.lutOff = arena.alloc(4 * C);
    this.xStatic = staticInput ? arena.alloc(this.n) : -1;
    this.xCopied = false;
    arena.view(this.v, this.n).set(perElement(this.p.v0, this.n));
    arena.view(this.th, C).set(perElement(this.p.theta, C));
    arena.view(this.lutOff, 4 * C).set(this.lut);
  }

  readonly takesArenaInput = true;

  run(x: Float32Array | number, steps: number, probe?: MembraneProbe): Float32Array {
    const arena = this.arena;
    const n = this.n;
    const [, W, C] = this.shape;
    const pooled = n / 4;
    const xOff = placeInput(arena, x, this.xStatic, this.xCopied, steps * n, n);
    this.xCopied = true;
    const out = arena.alloc(steps * pooled);
    const vView = probe ? arena.view(this.v, n) : undefined;
    const stride = this.xStatic >= 0 ? 0 : n * 4;
    const vr = this.p.vReset;
    for (let s = 0; s < steps; s++) {
      const xs = xOff + s * stride;
      const os = out + s * pooled * 4;
      if (vr === null) arena.fn.ifPoolSoft(xs, this.v, os, this.th, this.lutOff, n * 4, W * C * 4, C * 4);
      else arena.fn.ifPoolHard(xs, this.v, os, this.th, this.lutOff, n * 4, W * C * 4, C * 4, vr);
      if (probe) probe(s, vView as Float32Array);
    }
    return arena.view(out, steps * pooled);
  }
}
