import { hostValues } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { ChunkValues } from './chunk-values.js';
import type { ChunkInfo } from './hooks.js';
import { layerIO } from './layer-call.js';
import type { NeuronArrays } from '@snn/neuron';
import type { Plan } from './plan.js';
import type { Resolved, StatefulStep } from './resolve.js';
import type { BatchData, RunConfig } from './batch.js';
import type { KernelArena } from './wasm/arena.js';
import { unitSpikes } from './unit-spikes.js';
import { timeNode } from './chunk-profile.js';
import { chunkDrive, driveInArena } from './drive.js';

/** The graph input: name, per-sample shape and size. */
export interface ChunkInput {
  name: string;
  shape: number[];
  size: number;
}

/** What one batch's chunks share: the resolved kernels and the batch's static values. */
export interface BatchRun {
  plan: Plan;
  cfg: RunConfig;
  kernels: Resolved;
  arena: KernelArena | undefined;
  input: ChunkInput;
  statics: Map<string, tf.Tensor>;
  /** Static values read back as arrays, once per batch. */
  staticData: Map<string, Float32Array>;
}

/** How an encoded input's values read as spikes (amplitude 1), for monitors. */
const INPUT_SPIKES = unitSpikes('input');

/**
 * A static value's array for this chunk: where the backend holds it in this thread's memory (wasm,
 * cpu; `inPlace`) a view of it, taken again at each call (a heap growth detaches an older view; the
 * caller reads it before any tfjs call), so a batch's multi-MB static map is not copied out (`dataSync` on
 * wasm cost ~0.1 s per simulation worker of `snn eval` on the tutorial CNN, 5 % of its time);
 * elsewhere read back once per batch.
 */
function readStatic(run: BatchRun, name: string, inPlace: boolean): Float32Array {
  const t = run.statics.get(name) as tf.Tensor;
  const here = inPlace ? hostValues(t) : undefined;
  if (here) return here;
  let d = run.staticData.get(name);
  if (!d) {
    d = t.dataSync() as Float32Array;
    run.staticData.set(name, d);
  }
  return d;
}

/** a += x, element by element (float32): the driven input, a new array (the source's values may be shared). */
function addInto(a: Float32Array, x: Float32Array): Float32Array {
  for (let i = 0; i < a.length; i++) a[i] += x[i];
  return a;
}

/**
 * The chunk's input from the encoder: with the kernel arena and an encoder that adds a row to stored
 * values (`rowShift`, a replay with a shift), the values are written straight into the arena and the
 * row added there by the SIMD `addRows` kernel (the same float32 sums as `encode`'s); else `encode`.
 */
function encodeChunk(run: BatchRun, batch: BatchData, t0: number, steps: number): Float32Array {
  const { cfg, arena, input } = run;
  const enc = cfg.encoder;
  const B = batch.count;
  const size = input.size;
  if (!arena || !enc.encodeInto || !enc.rowShift || enc.rowShift.length !== size || size % 4 !== 0) return enc.encode(batch.x, B, size, batch.first, t0, steps);
  const n = steps * B * size;
  const off = arena.alloc(n);
  enc.encodeInto(arena.view(off, n), B, size, batch.first, t0, steps);
  arena.addRow(off, enc.rowShift, off, n * 4);
  return arena.view(off, n);
}

/**
 * A stateful node's input for one chunk: its byte offset in the arena where the kernel reads it there
 * (with the drive added in the arena, `driveInArena`), else an array (the drive added in JS, `chunkDrive`).
 */
function neuronInput(
  run: BatchRun,
  values: ChunkValues,
  staticInput: boolean,
  src: string,
  s: StatefulStep,
  t0: number,
  steps: number,
  B: number,
): Float32Array | number {
  const arena = run.arena;
  const drive = s.drive;
  const simd = arena !== undefined && s.exec.takesArenaInput && !staticInput;
  if (drive && t0 <= drive.steps && simd && s.size % 4 === 0) return driveInArena(arena, values.arenaOffset(src), drive, t0, steps, B);
  const add = chunkDrive(drive, t0, steps, B);
  const inArena = !add && simd ? values.offsetIfInArena(src) : undefined;
  // a membrane probe is user code run in the middle of the kernel: it gets a static input that no tfjs call can detach
  const xin = inArena ?? (staticInput ? readStatic(run, src, !run.cfg.hooks?.wantsMembrane(s.plan.node.name)) : values.array(src));
  return add ? addInto(add, xin as Float32Array) : xin;
}

/**
 * One chunk of `steps` steps from step `t0` (1-based): every node that varies in time, by its kernel;
 * returns the output node's values `[steps·B·K]`. The array is handed out of the tidy scope through a
 * variable, not as the scope's result: tidy walks a returned container key by key looking for tensors,
 * which for a TypedArray is one Set insertion per element (a 3,872-wide output cost 25× the network).
 */
export function runChunk(run: BatchRun, batch: BatchData, t0: number, steps: number): Float32Array {
  const { plan, cfg, kernels, arena, input, statics } = run;
  const B = batch.count;
  const rows = steps * B;
  const hooks = cfg.hooks;
  const copies = tf.getBackend() === 'wasm'; // its tensors copy their values in; others (cpu) keep the array
  let output: Float32Array | undefined;
  tf.tidy(() => {
    const values = new ChunkValues(arena, copies, (n) => plan.graph.shapeOf(n), rows);
    if (!cfg.encoder.constant) {
      const enc = encodeChunk(run, batch, t0, steps);
      values.setArray(input.name, enc);
      if (hooks?.wantsSpikes(input.name))
        hooks.spikes({ node: input.name, neuron: INPUT_SPIKES, size: input.size, t0, steps, count: B, first: batch.first }, enc);
    }
    try {
      for (const p of plan.nodes) {
        const { node } = p;
        if (p.role === 'static' || kernels.fused.has(node.name)) continue;
        const done = timeNode(node.name, node.op, kernels.kernelOf.get(node.name) ?? '?');
        if (p.role === 'dynamic') {
          kernels.layers.get(node.name)?.run(layerIO(p, values, statics, steps, rows));
          done?.();
          if (hooks?.wantsValues?.(node.name))
            hooks.values?.({ node: node.name, size: plan.sizes.get(node.name) as number, t0, steps, count: B, first: batch.first }, values.peek(node.name));
          continue;
        }
        const s = kernels.stateful.get(node.name);
        if (!s) throw new Error(`node '${node.name}' has no kernel`);
        const src = node.inputs[0];
        const xin = neuronInput(run, values, p.staticInputs[0], src, s, t0, steps, B);
        const info: ChunkInfo = { node: node.name, neuron: s.neuron as NeuronArrays, size: s.size, t0, steps, count: B, first: batch.first };
        const probe = hooks?.wantsMembrane(node.name) ? (k: number, v: Float32Array) => hooks.membrane(info, k, v) : undefined;
        const out = s.exec.run(xin, steps, probe);
        if (hooks?.wantsSpikes(node.name)) hooks.spikes(info, out);
        values.setArray(s.exec.fuses?.name ?? node.name, out);
        done?.();
      }
      output = values.array(plan.output).slice();
    } finally {
      arena?.release();
    }
  });
  return output as Float32Array;
}
