import * as tf from '@tensorflow/tfjs-core';
import type { BatchOutcome, RunConfig } from '../batch.js';
import type { EngineHooks } from '../hooks.js';
import { runStatics } from '../layer-call.js';
import type { Plan } from '../plan.js';
import { SummedReadout } from '../readout.js';
import { type Resolved, resolveKernels } from '../resolve.js';
import { type ChunkReads, type DeviceBatchRun, deviceChunk } from './device-chunk.js';
import type { Carry } from './prefix-sums.js';
import { PrefixScores } from './prefix-scores.js';
import { type DeviceNeuronExec, isDeviceExec } from './types.js';

/** One batch for the device engine: the images as a tensor `[B, …]` (constant input) and/or plain values (encoders that vary in time). */
export interface DeviceBatch {
  tensor?: tf.Tensor;
  host?: Float32Array;
  labels: ArrayLike<number>;
  first: number;
  count: number;
}

/**
 * The chunked engine on a GPU backend: plan → resolve kernels (the registry picks device kernels
 * by backend) → per batch, static nodes once (`[B, …]`), then per chunk of steps every node that
 * varies in time once on `[steps·B, …]`, the running output sums on the device, and one awaited
 * read back per chunk (the sums, plus only what monitors record).
 */
export class DeviceRunner {
  private readonly kernels: Resolved;

  constructor(
    private readonly plan: Plan,
    private readonly cfg: RunConfig,
    backend: string,
  ) {
    this.kernels = resolveKernels(plan, cfg.engine, cfg.hooks, undefined, backend);
    for (const [name, s] of this.kernels.stateful)
      if (!isDeviceExec(s.exec))
        throw new RangeError(`node '${name}' resolved to kernel '${this.kernels.kernelOf.get(name)}', which does not run on the ${backend} device`);
  }

  /** The name of the kernel that runs `node` per chunk (undefined for a static node). */
  kernelOf(node: string): string | undefined {
    return this.kernels.kernelOf.get(node);
  }

  async run(batch: DeviceBatch): Promise<BatchOutcome> {
    const { plan, cfg } = this;
    const B = batch.count;
    const classes = plan.sizes.get(plan.output) as number;
    const execs = [...this.kernels.stateful.values()];
    for (const s of execs) s.exec.begin(B, s.plan.staticInputs[0]);
    for (const l of this.kernels.layers.values()) l.begin?.();
    const statics = new Map<string, tf.Tensor>();
    let carry: Carry | undefined;
    try {
      const input = plan.graph.inputs[0];
      if (cfg.encoder.constant) statics.set(input.name, batch.tensor ? tf.clone(batch.tensor) : tf.tensor(batch.host as Float32Array, [B, ...input.shape]));
      runStatics(plan, statics);
      if (plan.staticOutput) {
        const readout = new SummedReadout(cfg.T, B, classes, batch.labels, plan.graph.readout.delay);
        const out = (await (statics.get(plan.output) as tf.Tensor).data()) as Float32Array;
        readout.add(out, cfg.T, 1, true);
        cfg.hooks?.output?.({ node: plan.output, count: B, size: classes, first: batch.first, t0: 1, steps: cfg.T }, out, true);
        return { correct: readout.correct, predictions: readout.predictions, classes };
      }
      const amp = cfg.engine.readout === 'spikes' ? this.outputAmp() : undefined;
      const run: DeviceBatchRun = { plan, cfg, kernels: this.kernels, statics, count: B, first: batch.first, host: batch.host, outputAmp: amp };
      const scores = new PrefixScores(cfg.T, B, classes, batch.labels);
      try {
        const delay = plan.graph.readout.delay; // the sums restart at step delay + 1: a chunk starts there, without a carry
        for (let t0 = 1, steps = 0; t0 <= cfg.T; t0 += steps) {
          steps = Math.min(cfg.engine.chunk, cfg.T - t0 + 1, t0 <= delay ? delay + 1 - t0 : Number.POSITIVE_INFINITY);
          if (delay > 0 && t0 === delay + 1) {
            carry?.tensor.dispose();
            carry = undefined;
          }
          let reads = undefined as unknown as ChunkReads;
          tf.tidy(() => {
            reads = deviceChunk(run, t0, steps, carry);
            return [reads.sums, ...this.extras(reads)]; // they survive the tidy
          });
          carry?.tensor.dispose();
          carry = { tensor: reads.sums, offset: (steps - 1) * B * classes };
          scores.add(await this.readBack(reads, { node: plan.output, count: B, size: classes, first: batch.first, t0, steps }), steps, t0);
        }
      } finally {
        amp?.dispose();
      }
      return { correct: scores.correct, predictions: scores.predictions, classes };
    } finally {
      carry?.tensor.dispose();
      tf.dispose([...statics.values()]);
      for (const s of execs) (s.exec as DeviceNeuronExec).end();
    }
  }

  private extras(reads: ChunkReads): tf.Tensor[] {
    return [...reads.spikes.map((r) => r.t), ...reads.membrane.map((r) => r.t), ...(reads.output ? [reads.output] : [])];
  }

  /** The chunk's one read back (sums and monitored values together); hands monitors theirs, frees all but the sums. */
  private async readBack(reads: ChunkReads, where: Parameters<NonNullable<EngineHooks['output']>>[0]): Promise<Float32Array> {
    const extra = this.extras(reads);
    const [sums, ...data] = (await Promise.all([reads.sums.data(), ...extra.map((t) => t.data())])) as Float32Array[];
    const hooks = this.cfg.hooks;
    for (const [i, r] of reads.spikes.entries()) hooks?.spikes(r.info, data[i]);
    for (const [i, r] of reads.membrane.entries()) {
      const v = data[reads.spikes.length + i];
      const n = r.info.count * r.info.size;
      for (let k = 0; k < r.info.steps; k++) hooks?.membrane(r.info, k, v.subarray(k * n, (k + 1) * n));
    }
    if (reads.output) hooks?.output?.(where, data[data.length - 1], false);
    tf.dispose(extra);
    return sums;
  }

  private outputAmp(): tf.Tensor {
    const neuron = this.kernels.stateful.get(this.plan.output)?.neuron;
    if (!neuron) throw new RangeError(`readout 'spikes' needs a spiking output node; '${this.plan.output}' is not one`);
    return tf.tensor1d(neuron.amp);
  }

  /** Frees what the kernels hold (call after the last batch). */
  dispose(): void {
    for (const s of this.kernels.stateful.values()) (s.exec as DeviceNeuronExec).dispose();
  }
}
