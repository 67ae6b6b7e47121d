import { type ForwardContext, getLayer, type GraphNode } from '@snn/graph';
import type { NeuronState } from '@snn/neuron';
import * as tf from '@tensorflow/tfjs-core';
import type { NeuronKernel } from '../kernels/types.js';
import { unitSpikes } from '../unit-spikes.js';
import { DEVICE_BACKENDS, type DeviceChunk, type DeviceNeuronExec, hostRunRefused } from './types.js';

/**
 * Any stateful node on the device through its own tfjs layer, one step after the other inside the
 * chunk: x_s = rows s·B … (s+1)·B − 1 of the chunk's input, y_s = forward(x_s, state), the outputs
 * concatenated time-major. The very ops of the reference path (bit for bit on the same backend),
 * without its per-step read back. It is the tfjs-op form the `tensorflow` backend runs (a step is
 * five element-wise ops for IF: one kernel each), and WebGPU's for models with no WGSL charge.
 */
class DeviceStepExec implements DeviceNeuronExec {
  private state: NeuronState | undefined;
  private count = 0;
  private staticInput = false;
  readonly events: DeviceNeuronExec['events'];

  private readonly node: GraphNode;

  constructor(node: GraphNode) {
    // the runner adds a drive to the input (deviceChunk), as for every kernel: the layer must not add it again
    const { drive: _, ...params } = node.params;
    this.node = { ...node, params };
    // a stateful layer that is not a neuron (SpikingMaxPool2d): monitors count each non-zero output as one event
    this.events = typeof node.attrs.neuron === 'object' ? undefined : unitSpikes(node.op);
  }

  begin(count: number, staticInput: boolean): void {
    this.end();
    this.count = count;
    this.staticInput = staticInput;
  }

  runDevice(x: tf.Tensor, steps: number, everyV: boolean): DeviceChunk {
    const outs: tf.Tensor[] = [];
    const vs: tf.Tensor[] = [];
    const B = this.count;
    for (let s = 0; s < steps; s++) {
      const xs = this.staticInput ? x : tf.slice(x, [s * B], [B]);
      let next: NeuronState | undefined;
      const ctx = {
        node: this.node,
        inputs: [xs],
        training: false,
        noGrad: [true],
        state: this.state,
        setState: (st: NeuronState) => {
          next = st;
        },
        updateParam: () => {
          throw new Error('a simulated layer tried to update a param');
        },
        seed: () => 0,
      } as ForwardContext;
      outs.push(getLayer(this.node.op).forward(ctx));
      if (!next) throw new Error(`stateful node '${this.node.name}' (${this.node.op}) set no state`);
      if (this.state) this.state.v.dispose();
      this.state = { v: tf.keep(next.v) };
      if (everyV) vs.push(tf.reshape(next.v, [-1]));
    }
    const out = outs.length === 1 ? outs[0] : tf.concat(outs, 0);
    return everyV ? { out, v: tf.concat(vs, 0) } : { out };
  }

  run(): Float32Array {
    return hostRunRefused('device-step');
  }

  end(): void {
    this.state?.v.dispose();
    this.state = undefined;
  }

  dispose(): void {
    this.end();
  }
}

/** Any stateful node (every neuron model, SpikingMaxPool2d) on a device backend, step by step in tfjs ops. */
export const deviceStepKernel: NeuronKernel = {
  kind: 'neuron',
  op: '*',
  name: 'device-step',
  priority: 40,
  fits: (_, backend) => DEVICE_BACKENDS.includes(backend),
  create: (l) => new DeviceStepExec(l.node),
};
