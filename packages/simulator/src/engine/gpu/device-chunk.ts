import type { NeuronArrays } from '@snn/neuron';
import * as tf from '@tensorflow/tfjs-core';
import type { RunConfig } from '../batch.js';
import { ChunkValues } from '../chunk-values.js';
import type { ChunkInfo } from '../hooks.js';
import { layerIO } from '../layer-call.js';
import type { Plan } from '../plan.js';
import type { Resolved } from '../resolve.js';
import { unitSpikes } from '../unit-spikes.js';
import { chunkDrive } from '../drive.js';
import { type Carry, prefixSums } from './prefix-sums.js';
import type { DeviceNeuronExec } from './types.js';

/** One batch on the device: its static values (computed once) and the host copy of its images (non-constant encoders). */
export interface DeviceBatchRun {
  plan: Plan;
  cfg: RunConfig;
  kernels: Resolved;
  statics: Map<string, tf.Tensor>;
  count: number;
  first: number;
  /** The images as plain values (what an encoder that varies in time encodes), or undefined. */
  host: Float32Array | undefined;
  /** Per-channel amplitude of the output neuron (`readout: 'spikes'`). */
  outputAmp: tf.Tensor | undefined;
}

/** What a chunk leaves to read back: the running sums and, only for monitors, the values they record. */
export interface ChunkReads {
  sums: tf.Tensor1D;
  spikes: { info: ChunkInfo; t: tf.Tensor }[];
  membrane: { info: ChunkInfo; t: tf.Tensor }[];
  /** The output node's values `[steps·B·K]`, only for an `output` hook. */
  output?: tf.Tensor;
}

const INPUT_SPIKES = unitSpikes('input');

/**
 * One chunk of `steps` steps from step `t0` on the device, queued without a read: every node that
 * varies in time once on `[steps·B, …]` (layers by their resolved kernel, spiking nodes by their
 * device executor), then the running output sums S_t (see {@link prefixSums}). Call inside a tidy;
 * the returned tensors survive it.
 */
export function deviceChunk(run: DeviceBatchRun, t0: number, steps: number, carry: Carry | undefined): ChunkReads {
  const { plan, cfg, kernels, statics, count: B, first } = run;
  const rows = steps * B;
  const hooks = cfg.hooks;
  const reads: ChunkReads = { sums: undefined as unknown as tf.Tensor1D, spikes: [], membrane: [] };
  const values = new ChunkValues(undefined, true, (n) => plan.graph.shapeOf(n), rows);
  const input = plan.graph.inputs[0];
  const inSize = plan.sizes.get(input.name) as number;
  if (!cfg.encoder.constant) {
    const enc = cfg.encoder.encode(run.host as Float32Array, B, inSize, first, t0, steps);
    // a copy: an encoder may hand out its buffer again, and a device backend may upload the values only later
    values.setTensor(input.name, tf.tensor(enc.slice(), [rows, ...input.shape]));
    if (hooks?.wantsSpikes(input.name)) hooks.spikes({ node: input.name, neuron: INPUT_SPIKES, size: inSize, t0, steps, count: B, first }, enc);
  }
  for (const p of plan.nodes) {
    const { node } = p;
    if (p.role === 'static') continue;
    if (p.role === 'dynamic') {
      kernels.layers.get(node.name)?.run(layerIO(p, values, statics, steps, rows));
      continue;
    }
    const s = kernels.stateful.get(node.name);
    if (!s) throw new Error(`node '${node.name}' has no kernel`);
    const src = node.inputs[0];
    const info: ChunkInfo = { node: node.name, neuron: s.neuron as NeuronArrays, size: s.size, t0, steps, count: B, first };
    const x = p.staticInputs[0] ? (statics.get(src) as tf.Tensor) : values.tensor(src);
    const add = chunkDrive(s.drive, t0, steps, B);
    const r = (s.exec as DeviceNeuronExec).runDevice(add ? tf.add(x, tf.tensor(add, x.shape)) : x, steps, hooks?.wantsMembrane(node.name) ?? false);
    values.setTensor(node.name, r.out);
    if (hooks?.wantsSpikes(node.name)) reads.spikes.push({ info, t: r.out });
    if (r.v) reads.membrane.push({ info, t: r.v });
  }
  let out = tf.reshape(values.tensor(plan.output), [rows, -1]);
  // readout 'spikes': S = out/amplitude, exact zeros kept (as the CPU engine's spikeCounts)
  if (run.outputAmp) out = tf.where(tf.equal(out, 0), tf.zerosLike(out), tf.round(tf.div(out, run.outputAmp)));
  if (hooks?.output) reads.output = out;
  reads.sums = prefixSums(tf.reshape(out, [steps, -1]), carry);
  return reads;
}
