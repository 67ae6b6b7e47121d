import * as tf from '@tensorflow/tfjs-core';
import type { NeuronState } from '@snn/neuron';
import { fmtNode, fmtShape, GraphError } from './errors.js';
import type { Graph } from './graph.js';
import type { ForwardContext } from './layer.js';
import { getLayer } from './registry.js';
import { createRng } from '@snn/core';
import type { GraphState } from './types.js';

/** Options of {@link execute}. */
export interface ExecuteOptions {
  /** Nodes (or graph inputs) whose batched outputs are returned too, by name. */
  taps?: string[];
  /** Training mode: BatchNorm normalises with batch statistics and updates its running ones; Dropout drops. */
  training?: boolean;
  /** The spiking nodes' membrane state from the previous call; missing entries start at V₀. */
  state?: GraphState;
  /** Which time step (1-based) this call simulates: what a spiking node with a drive for its first steps reads (`ForwardContext.step`). */
  step?: number;
  /** Seed for the random ops (Dropout); without one they draw from `Math.random`. */
  seed?: number;
  /**
   * Training mode only: keep gradients with respect to the graph inputs. Off by default, so that
   * layers reading an input (the first convolution) skip that gradient, which training never uses.
   */
  inputGradients?: boolean;
}

/** What {@link execute} returns. Every tensor in it is new and the caller's to dispose. */
export interface ExecuteResult {
  /** One batched tensor per graph output, in `graph.outputs` order. */
  outputs: tf.Tensor[];
  /** The requested taps by name. */
  taps: Record<string, tf.Tensor>;
  /** The spiking nodes' state after this call (only when the graph has stateful nodes). */
  state?: GraphState;
  /**
   * Param updates that could not be applied in place (training mode, params that are not
   * `tf.Variable`s): node → param → new value. Variables (as `Trainer` makes them) are assigned.
   */
  updates?: Record<string, Record<string, tf.Tensor>>;
}

/** The nodes needed to compute `targets`. */
function needed(graph: Graph, targets: readonly string[]): Set<string> {
  const need = new Set<string>();
  const stack = targets.filter((t) => graph.has(t));
  while (stack.length) {
    const n = stack.pop() as string;
    if (need.has(n)) continue;
    need.add(n);
    for (const i of graph.node(n).inputs) if (graph.has(i)) stack.push(i);
  }
  return need;
}

function resolveFeeds(graph: Graph, feeds: tf.Tensor | Record<string, tf.Tensor>): Map<string, tf.Tensor> {
  const map = new Map<string, tf.Tensor>();
  if (feeds instanceof tf.Tensor) {
    if (graph.inputs.length !== 1)
      throw new GraphError(`the graph has ${graph.inputs.length} inputs (${graph.inputs.map((i) => i.name).join(', ')}): pass feeds by name`);
    map.set(graph.inputs[0].name, feeds);
  } else {
    for (const i of graph.inputs) {
      const t = feeds?.[i.name];
      if (!(t instanceof tf.Tensor)) throw new GraphError(`no tensor fed for graph input '${i.name}'`, { node: i.name });
      map.set(i.name, t);
    }
  }
  let batch: number | undefined;
  for (const i of graph.inputs) {
    const t = map.get(i.name) as tf.Tensor;
    const ok = t.rank === i.shape.length + 1 && i.shape.every((d, k) => t.shape[k + 1] === d);
    if (!ok) throw new GraphError(`graph input '${i.name}' expects [N, ${i.shape.join(', ')}] (NHWC), got ${fmtShape(t.shape)}`, { node: i.name });
    if (batch !== undefined && t.shape[0] !== batch)
      throw new GraphError(`graph input '${i.name}' has batch ${t.shape[0]}, other inputs ${batch}`, { node: i.name });
    batch = t.shape[0];
  }
  return map;
}

/**
 * Runs the graph on a batch: every needed node in topological order, inside one `tf.tidy`, so no
 * tensor outlives the call except the outputs, taps, new state and updates it returns.
 *
 * Spiking nodes are stateful: pass the previous call's `state` to continue a simulation one time
 * step further, `execute(g, x, { state })` → `{ outputs, state }`. The given state is not disposed
 * (dispose it with {@link disposeState} once the new one is in hand).
 *
 * @example
 * const { outputs: [logits], taps } = execute(graph, images, { taps: ['relu1'] });
 */
export function execute(graph: Graph, feeds: tf.Tensor | Record<string, tf.Tensor>, opts: ExecuteOptions = {}): ExecuteResult {
  const inputs = resolveFeeds(graph, feeds);
  const taps = opts.taps ?? [];
  for (const t of taps) graph.shapeOf(t);
  const need = needed(graph, [...graph.outputs, ...taps]);
  const random = opts.seed === undefined ? Math.random : createRng(opts.seed);
  const training = opts.training ?? false;
  const oldState = opts.state ?? new Map<string, NeuronState>();
  const stateful = graph.nodes.filter((n) => getLayer(n.op).stateful);

  const out = tf.tidy(() => {
    const values = new Map(inputs);
    const states: Record<string, tf.Tensor> = {};
    const updates: Record<string, Record<string, tf.Tensor>> = {};
    for (const node of graph.nodes) {
      if (!need.has(node.name)) continue;
      const xs = node.inputs.map((i) => values.get(i) as tf.Tensor);
      const ctx: ForwardContext = {
        node,
        inputs: xs,
        training,
        noGrad: node.inputs.map((i) => training && !opts.inputGradients && inputs.has(i)),
        state: oldState.get(node.name),
        setState: (s) => {
          states[node.name] = s.v;
        },
        updateParam: (param, value) => {
          const p = node.params[param];
          if (p instanceof tf.Variable) p.assign(value);
          else {
            updates[node.name] ??= {};
            updates[node.name][param] = value;
          }
        },
        seed: () => Math.floor(random() * 2 ** 31),
        step: opts.step,
      };
      try {
        values.set(node.name, getLayer(node.op).forward(ctx));
      } catch (e) {
        if (e instanceof GraphError) throw e;
        const shapes = xs.map((x) => fmtShape(x.shape)).join(', ');
        throw new GraphError(`${fmtNode(node.name, node.op)}, input shape(s) ${shapes}: ${(e as Error).message}`, { node: node.name, op: node.op });
      }
    }
    // A returned tensor must be a new one: clone those that are feeds or carried-over state.
    const fresh = (t: tf.Tensor) => ([...inputs.values()].includes(t) ? tf.clone(t) : t);
    for (const n of stateful) {
      const old = oldState.get(n.name);
      if (!states[n.name] && old) states[n.name] = tf.clone(old.v);
    }
    return {
      outputs: graph.outputs.map((o) => fresh(values.get(o) as tf.Tensor)),
      taps: Object.fromEntries(taps.map((t) => [t, fresh(values.get(t) as tf.Tensor)])),
      states,
      updates,
    };
  });
  const result: ExecuteResult = { outputs: out.outputs, taps: out.taps };
  if (stateful.length) result.state = new Map(Object.entries(out.states).map(([k, v]) => [k, { v }]));
  if (Object.keys(out.updates).length) result.updates = out.updates;
  return result;
}

/** Disposes every tensor of a {@link GraphState}. */
export function disposeState(state: GraphState | undefined): void {
  for (const s of state?.values() ?? []) s.v.dispose();
}
