import * as tf from '@tensorflow/tfjs-core';
import type { BatchData, BatchOutcome, RunConfig } from './batch.js';
import { type ChunkInput, runChunk } from './chunk.js';
import { callLayer } from './layer-call.js';
import type { Plan } from './plan.js';
import { SummedReadout } from './readout.js';
import { timeNode } from './chunk-profile.js';
import { type Resolved, resolveKernels } from './resolve.js';
import { KernelArena, wasmKernelsAvailable } from './wasm/arena.js';

/**
 * The chunked engine: plan → resolve kernels → run chunks. Per batch, static nodes once; then per
 * chunk of `chunk` steps every node that varies in time once on `[steps·B, …]` (time folded into
 * the batch, time-major), each by the kernel resolved for it (see `kernels/index.ts`): stateful
 * nodes step by step, their membrane carried between chunks. Bit-identical to the reference (see
 * the equality tests).
 */
export class ChunkedRunner {
  private readonly kernels: Resolved;
  private readonly arena: KernelArena | undefined;
  private readonly input: ChunkInput;
  readonly chunk: number;

  constructor(
    private readonly plan: Plan,
    private readonly cfg: RunConfig,
  ) {
    const { chunk } = cfg.engine;
    if (!(Number.isInteger(chunk) && chunk > 0)) throw new RangeError(`chunk must be a positive integer, got ${chunk}`);
    this.chunk = chunk;
    if ((cfg.engine.simd ?? true) && wasmKernelsAvailable()) this.arena = new KernelArena();
    this.kernels = resolveKernels(plan, cfg.engine, cfg.hooks, this.arena, tf.getBackend());
    const i = plan.graph.inputs[0];
    this.input = { name: i.name, shape: [...i.shape], size: plan.sizes.get(i.name) as number };
  }

  /** The name of the kernel that runs `node` per chunk (undefined for a static node). */
  kernelOf(node: string): string | undefined {
    return this.kernels.kernelOf.get(node);
  }

  /** How many nodes each kernel runs (a fused pair counts once). */
  kernelCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [node, k] of this.kernels.kernelOf) if (!this.kernels.fused.has(node)) counts[k] = (counts[k] ?? 0) + 1;
    return counts;
  }

  run(batch: BatchData): BatchOutcome {
    const plan = this.plan;
    const cfg = this.cfg;
    const { count: B, x, first } = batch;
    const classes = plan.sizes.get(plan.output) as number;
    const readout = new SummedReadout(cfg.T, B, classes, batch.labels, plan.graph.readout.delay);
    this.arena?.reset();
    for (const s of this.kernels.stateful.values()) s.exec.begin(B, s.plan.staticInputs[0]);
    for (const l of this.kernels.layers.values()) l.begin?.();
    this.arena?.seal();
    const statics = new Map<string, tf.Tensor>();
    try {
      if (cfg.encoder.constant) statics.set(this.input.name, tf.tensor(x, [B, ...this.input.shape]));
      for (const p of plan.nodes) {
        if (p.role !== 'static') continue;
        const ins = p.node.inputs.map((i) => statics.get(i) as tf.Tensor);
        const done = timeNode(p.node.name, p.node.op, 'static');
        statics.set(
          p.node.name,
          tf.tidy(() => callLayer(p.node, ins)),
        );
        done?.();
      }
      const where = { node: plan.output, count: B, size: classes, first };
      if (plan.staticOutput) {
        const out = (statics.get(plan.output) as tf.Tensor).dataSync() as Float32Array;
        readout.add(out, cfg.T, 1, true);
        cfg.hooks?.output?.({ ...where, t0: 1, steps: cfg.T }, out, true);
      } else {
        const run = { plan, cfg, kernels: this.kernels, arena: this.arena, input: this.input, statics, staticData: new Map() };
        // readout 'none' (only monitors are wanted, e.g. a recording): no sums, `correct` stays zeros
        const scored = (cfg.engine.readout as string | undefined) !== 'none';
        for (let t0 = 1; t0 <= cfg.T; t0 += this.chunk) {
          const steps = Math.min(this.chunk, cfg.T - t0 + 1);
          const out = runChunk(run, batch, t0, steps);
          const done = timeNode('(readout)', '', 'readout');
          if (scored) readout.add(cfg.engine.readout === 'spikes' ? this.spikeCounts(out) : out, steps, t0);
          cfg.hooks?.output?.({ ...where, t0, steps }, out, false);
          done?.();
        }
      }
    } finally {
      tf.dispose([...statics.values()]);
    }
    return { correct: readout.correct, predictions: readout.predictions, classes };
  }

  /** The output node's spikes S from its outputs S·amplitude. */
  private spikeCounts(out: Float32Array): Float32Array {
    const neuron = this.kernels.stateful.get(this.plan.output)?.neuron;
    if (!neuron) throw new RangeError(`readout 'spikes' needs a spiking output node; '${this.plan.output}' is not one`);
    const amp = neuron.amp;
    const counts = new Float32Array(out.length);
    for (let j = 0, c = 0; j < out.length; j++) {
      counts[j] = out[j] === 0 ? 0 : Math.round(out[j] / amp[c]);
      if (++c === amp.length) c = 0;
    }
    return counts;
  }
}
