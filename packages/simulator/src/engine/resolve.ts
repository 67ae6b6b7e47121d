import { getLayer, type GraphNode, nodeNeuronArrays } from '@snn/graph';
import type { NeuronArrays } from '@snn/neuron';
import type { EngineOptions } from '../options.js';
import type { EngineHooks } from './hooks.js';
import { type Kernel, type KernelLayer, type LayerExec, type NeuronExec, resolveKernel } from './kernels/index.js';
import type { Plan, PlanNode } from './plan.js';
import type { KernelArena } from './wasm/arena.js';
import { type DriveValues, driveValues } from './drive.js';
import { poolLut } from './kernels/if-pool.js';
import { perElement } from './kernels/per-element.js';
import { VIEW_OPS } from './kernels/view.js';

/** Ops whose output of spikes is still mostly zeros. */
const PASS_SPIKES = new Set(['AvgPool2d', 'MaxPool2d', 'Identity', 'Dropout', 'Flatten']);

/** A stateful node and the executor running it. */
export interface StatefulStep {
  plan: PlanNode;
  exec: NeuronExec;
  neuron: NeuronArrays | undefined;
  size: number;
  /** The node's drive, read once per run (see `driveValues`), or undefined. */
  drive: DriveValues | undefined;
}

/** Which kernel runs each node that runs per chunk. */
export interface Resolved {
  stateful: Map<string, StatefulStep>;
  layers: Map<string, LayerExec>;
  /** Kernel name per node (a fused reader under its fusing kernel's name). */
  kernelOf: Map<string, string>;
  /** Nodes computed inside another node's kernel. */
  fused: Set<string>;
}

/**
 * Picks a kernel for every node that runs per chunk, in graph order (so that whether an input is
 * made of spikes is known when its reader is resolved); static nodes run through their tfjs layer
 * once per batch and need none.
 */
export function resolveKernels(plan: Plan, engine: EngineOptions, hooks: EngineHooks | undefined, arena: KernelArena | undefined, backend: string): Resolved {
  const out: Resolved = { stateful: new Map(), layers: new Map(), kernelOf: new Map(), fused: new Set() };
  const spiky = new Set<string>();
  for (const p of plan.nodes) {
    const { node } = p;
    if (p.role === 'static') continue;
    if (out.fused.has(node.name)) {
      spiky.add(node.name);
      continue;
    }
    const layer = describe(plan, p, engine, hooks, arena, spiky.has(node.inputs[0]));
    const kernel = resolveKernel(layer, backend);
    if (!kernel) throw new RangeError(`no simulator kernel runs node '${node.name}' (${node.op}) on the ${backend} backend`);
    out.kernelOf.set(node.name, kernel.name);
    if (p.role === 'spiking') {
      const exec = (kernel as Extract<Kernel, { kind: 'neuron' }>).create(layer);
      const drive = driveValues(node, layer.size, p.staticInputs[0]);
      out.stateful.set(node.name, { plan: p, exec, neuron: layer.neuron ?? exec.events, size: layer.size, drive });
      spiky.add(node.name);
      if (exec.fuses) {
        out.fused.add(exec.fuses.name);
        out.kernelOf.set(exec.fuses.name, kernel.name);
      }
    } else {
      out.layers.set(node.name, (kernel as Extract<Kernel, { kind: 'layer' }>).create(layer));
      if (PASS_SPIKES.has(node.op) && layer.spikyInput) spiky.add(node.name);
    }
  }
  return out;
}

function describe(
  plan: Plan,
  p: PlanNode,
  engine: EngineOptions,
  hooks: EngineHooks | undefined,
  arena: KernelArena | undefined,
  spikyInput: boolean,
): KernelLayer {
  const { node } = p;
  const stateful = p.role === 'spiking';
  return {
    node,
    role: stateful ? 'spiking' : 'dynamic',
    size: plan.sizes.get(node.name) as number,
    inputShape: plan.graph.shapeOf(node.inputs[0]),
    inputChannels: channelsBeforeViews(plan, node.inputs[0]),
    inputCodes: () => spikeValues(plan, node.inputs[0]),
    neuron: stateful && isNeuron(node) ? nodeNeuronArrays(node) : undefined,
    readers: plan.graph.consumers(node.name),
    isOutput: plan.output === node.name,
    spikyInput,
    observed: (hooks?.wantsSpikes(node.name) ?? false) || plan.graph.consumers(node.name).some((r) => hooks?.wantsValues?.(r.name) === true),
    engine,
    arena,
  };
}

/** The name of what `name` shows, looking back through the view ops (`VIEW_OPS`): a node, or the graph input. */
function viewSource(plan: Plan, name: string): string {
  let at = name;
  for (let n = nodeOf(plan, at); n && VIEW_OPS.includes(n.op); n = nodeOf(plan, at)) at = n.inputs[0];
  return at;
}

/** The last axis of `name` as made, looking back through the view ops (see `KernelLayer.inputChannels`). */
function channelsBeforeViews(plan: Plan, name: string): number {
  const shape = plan.graph.shapeOf(viewSource(plan, name));
  return shape[shape.length - 1];
}

/** The node named `name` (undefined for the graph input). */
function nodeOf(plan: Plan, name: string): GraphNode | undefined {
  return plan.graph.has(name) ? plan.graph.node(name) : undefined;
}

/**
 * The values `name` can take per channel when they are IF spikes (binary, amplitude a_c) or their 2×2,
 * stride-2 average pooling (`poolLut`: tf.avgPool's own sums), through the view ops: see `KernelLayer.inputCodes`.
 */
export function spikeValues(plan: Plan, name: string): Float32Array | undefined {
  let n = nodeOf(plan, viewSource(plan, name));
  let pooled = false;
  if (n?.op === 'AvgPool2d') {
    const a = n.attrs as { kernel: number[]; strides: number[]; pads: number[] };
    if (a.kernel.join() !== '2,2' || a.strides.join() !== '2,2' || a.pads.some((x) => x !== 0)) return undefined;
    pooled = true;
    n = nodeOf(plan, n.inputs[0]);
  }
  if (!n || n.op !== 'IF' || !isNeuron(n)) return undefined;
  const p = nodeNeuronArrays(n);
  if (p.maxSpikes !== 1) return undefined;
  const C = n.shape[n.shape.length - 1];
  return pooled ? poolLut(p.amp, C) : perElement(p.amp, C);
}

/** True for a node of a neuron model (a spiking layer with `neuron` params), not another stateful op. */
function isNeuron(node: GraphNode): boolean {
  return getLayer(node.op).stateful === true && typeof node.attrs.neuron === 'object' && node.attrs.neuron !== null;
}
