import { neuronParams } from '@snn/graph';
import type { NeuronArrays } from '@snn/neuron';
import * as tf from '@tensorflow/tfjs-core';
import type { KernelLayer, NeuronKernel } from '../kernels/types.js';
import { perElement } from '../kernels/per-element.js';
import { type NeuronShader, neuronChunk } from './neuron-chunk.js';
import { type DeviceChunk, type DeviceNeuronExec, hostRunRefused } from './types.js';
import { wgslCharge } from './wgsl-charges.js';
import { f32Literal } from './wgsl.js';

/**
 * A neuron layer on WebGPU: each chunk is one dispatch of the WGSL recurrence
 * ({@link neuronChunk}); V stays on the GPU between chunks as part of the last output (no copy).
 */
class WgslNeuronExec implements DeviceNeuronExec {
  private readonly theta: tf.Tensor1D;
  private readonly amp: tf.Tensor1D;
  private state: tf.Tensor | undefined;
  private vOff = 0;
  private count = 0;
  private shader: NeuronShader;

  constructor(
    private readonly p: NeuronArrays,
    private readonly shape: readonly number[],
    private readonly size: number,
    charge: string,
  ) {
    this.theta = tf.keep(tf.tensor1d(p.theta));
    this.amp = tf.keep(tf.tensor1d(p.amp));
    this.shader = { charge, maxSpikes: p.maxSpikes, vReset: p.vReset === null ? null : f32Literal(p.vReset), staticInput: false, everyV: false };
  }

  begin(count: number, staticInput: boolean): void {
    this.end();
    this.count = count;
    this.shader = { ...this.shader, staticInput };
    this.state = tf.keep(tf.tensor1d(perElement(this.p.v0, count * this.size)));
    this.vOff = 0;
  }

  runDevice(x: tf.Tensor, steps: number, everyV: boolean): DeviceChunk {
    const n = this.count * this.size;
    const r = neuronChunk(x, this.state as tf.Tensor, this.theta, this.amp, { shader: { ...this.shader, everyV }, n, steps, vOff: this.vOff });
    this.state?.dispose();
    this.state = tf.keep(r);
    this.vOff = (everyV ? 2 * steps - 1 : steps) * n;
    const out = tf.reshape(tf.slice(r, 0, steps * n), [steps * this.count, ...this.shape]);
    return everyV ? { out, v: tf.slice(r, steps * n, steps * n) } : { out };
  }

  run(): Float32Array {
    return hostRunRefused('webgpu-neuron');
  }

  end(): void {
    this.state?.dispose();
    this.state = undefined;
  }

  dispose(): void {
    this.end();
    tf.dispose([this.theta, this.amp]);
  }
}

const charge = (l: KernelLayer) => (l.neuron ? wgslCharge(l.node.op, neuronParams(l.node)) : undefined);

/** IF, LIF (and models taught with `registerWgslCharge`) on tfjs' webgpu backend, one WGSL dispatch per layer and chunk. */
export const webgpuNeuronKernel: NeuronKernel = {
  kind: 'neuron',
  op: '*',
  name: 'webgpu-neuron',
  priority: 50,
  fits: (l, backend) => backend === 'webgpu' && charge(l) !== undefined,
  create: (l) => new WgslNeuronExec(l.neuron as NeuronArrays, l.node.shape, l.size, charge(l) as string),
};
