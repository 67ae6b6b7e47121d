import type { GraphNode } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import type { Encoder } from '../encoders/types.js';
import { ChunkValues } from './chunk-values.js';
import type { ChunkInfo, EngineHooks } from './hooks.js';
import { canFuseIfPool, WasmIfPoolExec } from './if-pool.js';
import { callLayer } from './layer-call.js';
import { type NeuronArrays, neuronArrays } from './neuron-params.js';
import type { Plan, PlanNode } from './plan.js';
import { SummedReadout } from './readout.js';
import { convGeometry, SparseConv } from './sparse-conv.js';
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
  /** Use the WebAssembly SIMD kernels where they fit (default true; false: plain JS neurons, tfjs layers). */
  simd?: boolean;
  /** Fuse IF with the 2×2 average pooling reading it, where it fits (default true). */
  fuse?: boolean;
  /** Convolutions of spikes that skip zero inputs, where they match the backend bit for bit (default true). */
  sparse?: boolean;
  /** `'spikes'`: score by the output node's spike counts instead of its summed output. */
  readout?: 'sum' | 'spikes';
}

/** Ops whose output of spikes is still mostly zeros. */
const PASS_SPIKES = new Set(['AvgPool2d', 'MaxPool2d', 'Identity', 'Dropout']);

/** Above this density of non-zero inputs a chunk's convolution runs dense (measured break-even ≈ 0.45). */
export const SPARSE_MAX_DENSITY = 0.35;

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
  /** The AvgPool2d computed by this node's kernel (the node's own output is then never materialised). */
  fused?: GraphNode;
}

/**
 * The chunked engine: per batch, static nodes once; then per chunk of `chunk` steps every dynamic
 * node once on `[steps·B, …]` (time folded into the batch, time-major) and every spiking node's
 * recurrence step by step in WebAssembly SIMD or plain JS, its membrane carried between chunks;
 * convolutions of spikes skip the zeros. Bit-identical to the reference (see the equality tests).
 */
export class ChunkedRunner {
  private readonly spiking = new Map<string, Spiking>();
  private readonly sparse = new Map<string, SparseConv>();
  private readonly arena: KernelArena | undefined;
  private readonly input: { name: string; shape: number[]; size: number };
  /** How many nodes each kind of kernel runs. */
  readonly kernels = { wasm: 0, js: 0, fused: 0, sparse: 0 };
  /** AvgPool2d nodes computed inside a spiking node's kernel. */
  readonly fused = new Set<string>();
  readonly chunk: number;

  constructor(
    private readonly plan: Plan,
    private readonly opts: RunnerOptions,
  ) {
    if (!(Number.isInteger(opts.chunk) && opts.chunk > 0)) throw new RangeError(`chunk must be a positive integer, got ${opts.chunk}`);
    this.chunk = opts.chunk;
    if ((opts.simd ?? true) && wasmKernelsAvailable()) this.arena = new KernelArena();
    // Values made of spikes (and their pooling): mostly zeros, worth a sparse convolution.
    const spiky = new Set<string>();
    for (const p of plan.nodes) {
      const { node } = p;
      if (p.role === 'spiking') {
        const s = this.spikingExec(p);
        this.spiking.set(node.name, s);
        spiky.add(node.name);
        if (s.fused) spiky.add(s.fused.name);
      } else if (PASS_SPIKES.has(node.op) && spiky.has(node.inputs[0])) {
        spiky.add(node.name);
      } else if (p.role === 'dynamic' && this.arena && (opts.sparse ?? true) && spiky.has(node.inputs[0])) {
        const G = convGeometry(node, plan.graph.shapeOf(node.inputs[0]));
        const conv = G && new SparseConv(node, G, this.arena);
        if (conv?.matchesLayer()) {
          this.sparse.set(node.name, conv);
          this.kernels.sparse++;
        }
      }
    }
    const i = plan.graph.inputs[0];
    this.input = { name: i.name, shape: [...i.shape], size: plan.sizes.get(i.name) as number };
  }

  private spikingExec(p: PlanNode): Spiking {
    const plan = this.plan;
    const opts = this.opts;
    const arena = this.arena;
    const name = p.node.name;
    const neuron = neuronArrays(p.node);
    const size = plan.sizes.get(name) as number;
    const readers = plan.graph.consumers(name);
    const fusible =
      arena &&
      (opts.fuse ?? true) &&
      plan.output !== name &&
      readers.length === 1 &&
      !opts.hooks?.wantsSpikes(name) &&
      canFuseIfPool(neuron, p.node.shape, readers[0]);
    if (fusible) {
      this.fused.add(readers[0].name);
      this.kernels.fused++;
      return { plan: p, neuron, size, exec: new WasmIfPoolExec(neuron, p.node.shape, arena), fused: readers[0] };
    }
    const wasm = arena && WasmIfExec.fits(neuron, size);
    this.kernels[wasm ? 'wasm' : 'js']++;
    return { plan: p, neuron, size, exec: wasm ? new WasmIfExec(neuron, size, arena) : new JsSpikingExec(neuron, size) };
  }

  run(batch: BatchData): BatchOutcome {
    const plan = this.plan;
    const opts = this.opts;
    const { count: B, x, first } = batch;
    const classes = plan.sizes.get(plan.output) as number;
    const readout = new SummedReadout(opts.T, B, classes, batch.labels);
    this.arena?.reset();
    for (const s of this.spiking.values()) s.exec.begin(B, s.plan.staticInputs[0]);
    for (const c of this.sparse.values()) c.begin();
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
      } else {
        for (let t0 = 1; t0 <= opts.T; t0 += opts.chunk) {
          const steps = Math.min(opts.chunk, opts.T - t0 + 1);
          const out = this.runChunk(batch, t0, steps, statics, readStatic);
          readout.add(opts.readout === 'spikes' ? this.spikeCounts(out) : out, steps, t0);
          opts.hooks?.output?.({ ...where, t0, steps }, out, false);
        }
      }
    } finally {
      tf.dispose([...statics.values()]);
    }
    return { correct: readout.correct, predictions: readout.predictions, classes };
  }

  /** The output node's spikes S from its outputs S·amplitude. */
  private spikeCounts(out: Float32Array): Float32Array {
    const s = this.spiking.get(this.plan.output);
    if (!s) throw new RangeError(`readout 'spikes' needs a spiking output node; '${this.plan.output}' is not one`);
    const amp = s.neuron.amp;
    const counts = new Float32Array(out.length);
    for (let j = 0, c = 0; j < out.length; j++) {
      counts[j] = out[j] === 0 ? 0 : Math.round(out[j] / amp[c]);
      if (++c === amp.length) c = 0;
    }
    return counts;
  }

  /** One chunk: returns the output node's values `[steps·B·K]`. */
  private runChunk(batch: BatchData, t0: number, steps: number, statics: Map<string, tf.Tensor>, readStatic: (n: string) => Float32Array): Float32Array {
    const plan = this.plan;
    const opts = this.opts;
    const input = this.input;
    const arena = this.arena;
    const B = batch.count;
    const rows = steps * B;
    const hooks = opts.hooks;
    const copies = tf.getBackend() === 'wasm'; // its tensors copy their values in; others (cpu) keep the array
    return tf.tidy(() => {
      const values = new ChunkValues(arena, copies, (n) => plan.graph.shapeOf(n), rows);
      if (!opts.encoder.constant) {
        const enc = opts.encoder.encode(batch.x, B, input.size, batch.first, t0, steps);
        values.setArray(input.name, enc);
        if (hooks?.wantsSpikes(input.name))
          hooks.spikes({ node: input.name, neuron: INPUT_SPIKES, size: input.size, t0, steps, count: B, first: batch.first }, enc);
      }
      const tensorOf = (name: string, isStatic: boolean): tf.Tensor => {
        const s = isStatic ? statics.get(name) : undefined;
        if (!s) return values.tensor(name);
        return steps === 1 ? s : tf.tile(s, [steps, ...s.shape.slice(1).map(() => 1)]);
      };
      try {
        for (const p of plan.nodes) {
          const { node } = p;
          if (p.role === 'static' || this.fused.has(node.name)) continue;
          if (p.role === 'dynamic') {
            const conv = this.sparse.get(node.name);
            if (conv) {
              const c = conv.compress(values.arenaOffset(node.inputs[0]), rows);
              if (c.density <= SPARSE_MAX_DENSITY) {
                values.setArray(node.name, c.accumulate());
                continue;
              }
            }
            values.setTensor(
              node.name,
              callLayer(
                node,
                node.inputs.map((i, k) => tensorOf(i, p.staticInputs[k])),
              ),
            );
            continue;
          }
          const s = this.spiking.get(node.name) as Spiking;
          const src = node.inputs[0];
          const inArena = s.exec.takesArenaInput && !p.staticInputs[0] ? values.offsetIfInArena(src) : undefined;
          const xin = inArena ?? (p.staticInputs[0] ? readStatic(src) : values.array(src));
          const info: ChunkInfo = { node: node.name, neuron: s.neuron, size: s.size, t0, steps, count: B, first: batch.first };
          const probe = hooks?.wantsMembrane(node.name) ? (k: number, v: Float32Array) => hooks.membrane(info, k, v) : undefined;
          const out = s.exec.run(xin, steps, probe);
          if (hooks?.wantsSpikes(node.name)) hooks.spikes(info, out);
          values.setArray(s.fused?.name ?? node.name, out);
        }
        return values.array(plan.output).slice();
      } finally {
        arena?.release();
      }
    });
  }
}
