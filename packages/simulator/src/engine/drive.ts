import { type GraphNode, nodeDrive } from '@snn/graph';
import type { KernelArena } from './wasm/arena.js';

/** A node's drive as the engines add it: per element of one sample's input (`[size]`), for steps 1..`steps`. */
export interface DriveValues {
  values: Float32Array;
  steps: number;
}

/**
 * The node's drive d (see `nodeDrive`: one value per element of the input's last axis) tiled to one
 * sample's `size` input values, read back once per run (when its kernel is resolved); undefined without
 * a drive. Refuses a drive on a neuron whose input is constant in time, which the engines pass once
 * for every step.
 */
export function driveValues(node: GraphNode, size: number, staticInput: boolean): DriveValues | undefined {
  const d = nodeDrive(node);
  if (!d) return undefined;
  if (staticInput)
    throw new Error(`node '${node.name}' (${node.op}): a drive on a neuron whose input is constant in time is not supported by the chunked engines`);
  const per = d.drive.dataSync() as Float32Array;
  const values = new Float32Array(size);
  for (let j = 0; j < size; j++) values[j] = per[j % per.length];
  return { values, steps: d.steps };
}

/**
 * What a chunk of `steps` steps from step `t0` (1-based) adds to a driven neuron's input, time-major
 * `[steps·count·size]`: d for the steps t ≤ N, 0 after — or undefined when no step of the chunk is
 * driven (the input is then passed as it is, at no cost).
 */
export function chunkDrive(d: DriveValues | undefined, t0: number, steps: number, count: number): Float32Array | undefined {
  if (!d || t0 > d.steps) return undefined;
  const size = d.values.length;
  const driven = Math.min(steps, d.steps - t0 + 1);
  const add = new Float32Array(steps * count * size);
  for (let r = 0; r < driven * count; r++) add.set(d.values, r * size);
  return add;
}

/**
 * {@link chunkDrive} inside the kernel arena, for a neuron kernel that reads its input there: the
 * chunk's input at byte offset `x` (`[steps·count·size]`, size a multiple of 4) with d added to the
 * rows of the driven steps, X_t + d for t ≤ N, by the SIMD `addRows` kernel, into a new scratch
 * region (the source may have other readers), the undriven rows copied as they are; returns its
 * offset, or `x` itself when no step of the chunk is driven. No JS pass over the values, no garbage.
 */
export function driveInArena(arena: KernelArena, x: number, d: DriveValues, t0: number, steps: number, count: number): number {
  if (t0 > d.steps) return x;
  const size = d.values.length;
  const all = steps * count * size;
  const y = arena.alloc(all);
  const driven = Math.min(steps, d.steps - t0 + 1) * count * size * 4;
  arena.addRow(x, d.values, y, driven);
  if (driven < all * 4) new Uint8Array(arena.memory.buffer).copyWithin(y + driven, x + driven, x + all * 4);
  return y;
}
