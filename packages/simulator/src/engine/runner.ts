import * as tf from '@tensorflow/tfjs-core';
import type { Encoder } from '../encoders/types.js';
import type { ChunkInfo, EngineHooks } from './hooks.js';
import { callLayer } from './layer-call.js';
import { type NeuronArrays, neuronArrays } from './neuron-params.js';
import type { Plan, PlanNode } from './plan.js';
import { SummedReadout } from './readout.js';
import { canFuseIfPool, WasmIfPoolExec } from './if-pool.js';
import { JsSpikingExec, type SpikingExec, WasmIfExec } from './spiking.js';
import { KernelArena, wasmKernelsAvailable } from './wasm/arena.js';

/** One batch as plain arrays: `count` samples of the graph input (sample-major), the first being sample `first` of the run. */
export interface BatchData {
  x: Float32Array;
  labels: ArrayLike<number>;
  first: number;
  count: number;
}

/** What one batch contributes to the result. */
export interface BatchOutcome {
  /** `correct[t − 1]` in this batch. */
  correct: Int32Array;
  /** Predictions at the final step. */
  predictions: Int32Array;
  classes: number;
}

export interface RunnerOptions {
  T: number;
  /** Time steps per chunk. */
  chunk: number;
  encoder: Encoder;
  hooks?: EngineHooks;
  /** Use the WebAssembly SIMD IF kernel where it fits (default true; false: plain JS everywhere). */
  simd?: boolean;
  /** Fuse IF with the 2×2 average pooling reading it, where it fits (default true). */
  fuse?: boolean;
}

/** How an encoded input's values read as spikes (amplitude 1), for monitors. */
const INPUT_SPIKES: NeuronArrays = {
  model: 'input',
  channels: 1,
  theta: Float32Array.of(1),
  amp: Float32Array.of(1),
  v0: Float32Array.of(0),
  vReset: null,
  maxSpikes: 1,
  tau: 1,
  decayInput: false,
};

interface Spiking {
  plan: PlanNode;
  neuron: NeuronArrays;
  exec: SpikingExec;
  size: number;
  /** Read as a tensor by a stateless node. */
  toTensor: boolean;
  /** Read as an array by a spiking node or the readout. */
  toArray: boolean;
  /** The AvgPool2d computed by this node's kernel (the node's own output is then never materialised). */
  fused?: PlanNode['node'];
}

/**
 * The chunked engine: per batch, static nodes once; then per chunk of `chunk` steps every dynamic
 * node once on `[steps·B, …]` (time folded into the batch, time-major) and every spiking node's
 * recurrence step by step in WebAssembly SIMD or plain JS, its membrane carried between chunks.
 * Bit-identical to the reference on IEEE backends (see the equality tests), with far fewer
 * tensor calls.
 */
export class ChunkedRunner {
  private readonly spiking = new Map<string, Spiking>();
  private readonly arena: KernelArena | undefined;
  private readonly input: { name: string; shape: number[]; size: number };
  readonly kernels: { wasm: number; js: number } = { wasm: 0, js: 0 };
  /** AvgPool2d nodes computed inside a spiking node's kernel. */
  readonly fused = new Set<string>();
  readonly chunk: number;

  constructor(
    private readonly plan: Plan,
    private readonly opts: RunnerOptions,
  ) {
    if (!(Number.isInteger(opts.chunk) && opts.chunk > 0)) throw new RangeError(`chunk must be a positive integer, got ${opts.chunk}`);
    this.chunk = opts.chunk;
    const useWasm = (opts.simd ?? true) && wasmKernelsAvailable();
    if (useWasm) this.arena = new KernelArena();
    for (const p of plan.nodes) {
      if (p.role !== 'spiking') continue;
      const name = p.node.name;
      const neuron = neuronArrays(p.node);
      const size = plan.sizes.get(name) as number;
      const readers = plan.graph.consumers(name);
      const spikingReader = (r: { name: string }) => plan.nodes.find((q) => q.node.name === r.name)?.role === 'spiking';
      const toArray = plan.output === name || readers.some(spikingReader);
      const record: Spiking = { plan: p, neuron, exec: undefined as unknown as SpikingExec, size, toTensor: readers.some((r) => !spikingReader(r)), toArray };
      const arena = this.arena;
      const fusible =
        arena && (opts.fuse ?? true) && !toArray && readers.length === 1 && !opts.hooks?.wantsSpikes(name) && canFuseIfPool(neuron, p.node.shape, readers[0]);
      if (fusible) {
        record.exec = new WasmIfPoolExec(neuron, p.node.shape, arena);
        record.fused = readers[0];
        this.fused.add(readers[0].name);
      } else if (arena && WasmIfExec.fits(neuron, size)) record.exec = new WasmIfExec(neuron, size, arena);
      else record.exec = new JsSpikingExec(neuron, size);
      this.kernels[record.exec instanceof JsSpikingExec ? 'js' : 'wasm']++;
      this.spiking.set(name, record);
    }
    const i = plan.graph.inputs[0];
    this.input = { name: i.name, shape: [...i.shape], size: plan.sizes.get(i.name) as number };
  }

  run(batch: BatchData): BatchOutcome {
    const plan = this.plan;
    const opts = this.opts;
    const { count: B, x, first } = batch;
    const classes = plan.sizes.get(plan.output) as number;
    const readout = new SummedReadout(opts.T, B, classes, batch.labels);
    this.arena?.reset();
    for (const s of this.spiking.values()) s.exec.begin(B, s.plan.staticInputs[0]);
    this.arena?.seal();
    const statics = new Map<string, tf.Tensor>();
    const staticData = new Map<string, Float32Array>();
    const readStatic = (name: string) => {
      let d = staticData.get(name);
      if (!d) {
        d = (statics.get(name) as tf.Tensor).dataSync() as Float32Array;
        staticData.set(name, d);
      }
      return d;
    };
    try {
      if (opts.encoder.constant) statics.set(this.input.name, tf.tensor(x, [B, ...this.input.shape]));
      for (const p of plan.nodes) {
        if (p.role !== 'static') continue;
        const ins = p.node.inputs.map((i) => statics.get(i) as tf.Tensor);
        statics.set(
          p.node.name,
          tf.tidy(() => callLayer(p.node, ins)),
        );
      }
      const where = { node: plan.output, count: B, size: classes, first };
      if (plan.staticOutput) {
        const out = readStatic(plan.output);
        readout.add(out, opts.T, 1, true);
        opts.hooks?.output?.({ ...where, t0: 1, steps: opts.T }, out, true);
        return { correct: readout.correct, predictions: readout.predictions, classes };
      }
      for (let t0 = 1; t0 <= opts.T; t0 += opts.chunk) {
        const steps = Math.min(opts.chunk, opts.T - t0 + 1);
        const out = this.runChunk(batch, t0, steps, statics, readStatic);
        readout.add(out, steps, t0);
        opts.hooks?.output?.({ ...where, t0, steps }, out, false);
      }
    } finally {
      tf.dispose([...statics.values()]);
    }
    return { correct: readout.correct, predictions: readout.predictions, classes };
  }

  /** One chunk: returns the output node's values `[steps·B·K]`. */
  private runChunk(batch: BatchData, t0: number, steps: number, statics: Map<string, tf.Tensor>, readStatic: (n: string) => Float32Array): Float32Array {
    const plan = this.plan;
    const opts = this.opts;
    const input = this.input;
    const B = batch.count;
    const hooks = opts.hooks;
    const copiesOnWrite = tf.getBackend() === 'wasm';
    return tf.tidy(() => {
      const values = new Map<string, tf.Tensor>();
      const arrays = new Map<string, Float32Array>();
      if (!opts.encoder.constant) {
        const enc = opts.encoder.encode(batch.x, B, input.size, batch.first, t0, steps);
        arrays.set(input.name, enc);
        if (hooks?.wantsSpikes(input.name))
          hooks.spikes({ node: input.name, neuron: INPUT_SPIKES, size: input.size, t0, steps, count: B, first: batch.first }, enc);
        values.set(input.name, tf.tensor(enc, [steps * B, ...input.shape]));
      }
      const tensorOf = (name: string, isStatic: boolean): tf.Tensor => {
        const s = isStatic ? (statics.get(name) as tf.Tensor) : undefined;
        if (!s) return values.get(name) as tf.Tensor;
        return steps === 1 ? s : tf.tile(s, [steps, ...s.shape.slice(1).map(() => 1)]);
      };
      try {
        for (const p of plan.nodes) {
          const { node } = p;
          if (p.role === 'dynamic') {
            if (this.fused.has(node.name)) continue;
            values.set(
              node.name,
              callLayer(
                node,
                node.inputs.map((i, k) => tensorOf(i, p.staticInputs[k])),
              ),
            );
            continue;
          }
          if (p.role !== 'spiking') continue;
          const s = this.spiking.get(node.name) as Spiking;
          const src = node.inputs[0];
          const xin = p.staticInputs[0] ? readStatic(src) : (arrays.get(src) ?? ((values.get(src) as tf.Tensor).dataSync() as Float32Array));
          const info: ChunkInfo = { node: node.name, neuron: s.neuron, size: s.size, t0, steps, count: B, first: batch.first };
          const probe = hooks?.wantsMembrane(node.name) ? (k: number, v: Float32Array) => hooks.membrane(info, k, v) : undefined;
          const out = s.exec.run(xin, steps, probe);
          if (hooks?.wantsSpikes(node.name)) hooks.spikes(info, out);
          // The wasm backend copies a new tensor's values into its heap; others (cpu) keep the array: give them a copy.
          if (s.fused) {
            values.set(s.fused.name, tf.tensor(copiesOnWrite ? out : out.slice(), [steps * B, ...s.fused.shape]));
            continue;
          }
          if (s.toTensor) values.set(node.name, tf.tensor(copiesOnWrite ? out : out.slice(), [steps * B, ...node.shape]));
          if (s.toArray) arrays.set(node.name, out.slice());
        }
      } finally {
        this.arena?.release();
      }
      const o = plan.output;
      return arrays.get(o) ?? ((values.get(o) as tf.Tensor).dataSync() as Float32Array);
    });
  }
}
