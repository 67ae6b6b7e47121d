import type { Graph, GraphNode, SpikingMaxPoolRule } from '@snn/graph';
import { ConversionError } from '../errors.js';
import { timeVaryingNodes } from './move-maxpool.js';

/**
 * How a recipe pools spikes: every MaxPool2d the exact pre-spike move cannot take is run by a
 * SpikingMaxPool2d with this rule — `gate` (the input with the highest running spike count passes,
 * with `momentum` β: c_t = β·c_{t−1} + x_t), `running-max` (the growth of the window's largest running
 * sum), or `pre-spike`: move the pool ahead of every single-reader activation even behind spiking
 * layers (inexact; SpikingJelly HEAD's pre-spike max-pool), gating the ones it cannot move.
 */
export type MaxPoolRecipe = { rule: 'gate'; momentum?: number } | { rule: 'running-max' } | { rule: 'pre-spike' };

/** The values {@link MaxPoolRecipe}'s `rule` may take, in the order error texts and the CLI list them. */
export const MAX_POOL_RULES = ['gate', 'running-max', 'pre-spike'] as const;

/** A MaxPool2d the SNN runs on spikes: which rule, and what it reads (for the report). */
export interface SpikingPool {
  node: string;
  rule: SpikingMaxPoolRule;
  momentum: number;
  /** Op of the node it reads in the ANN (`IF` after conversion when this is `ReLU`). */
  reads: string;
}

/** Attributes a SpikingMaxPool2d can take over from a MaxPool2d (and values of others that change nothing). */
const POOL_ATTRS = new Set(['kernel', 'strides', 'pads']);
const neutral = (key: string, v: unknown) => v === undefined || (key === 'dilations' && Array.isArray(v) && v.every((d) => d === 1));

/**
 * The MaxPool2d nodes of an ANN (after the pre-spike moves) whose input changes over time in the
 * SNN, with the rule each will run. Refuses, naming node, op and attribute, a pool whose attributes
 * a spiking max-pool cannot express (so none is left to max-pool spikes, an OR of the window).
 * `moved`: pools already moved ahead of their activation, which stay max-pools of currents.
 */
export function planSpikingPools(ann: Graph, recipe: MaxPoolRecipe, moved: readonly string[] = []): SpikingPool[] {
  const varying = timeVaryingNodes(ann);
  const pools = ann.nodes.filter((n) => n.op === 'MaxPool2d' && varying.has(n.inputs[0]) && !moved.includes(n.name));
  for (const p of pools) {
    const extra = Object.keys(p.attrs).filter((k) => !POOL_ATTRS.has(k) && !neutral(k, p.attrs[k]));
    if (extra.length)
      throw new ConversionError(
        `cannot convert node '${p.name}' (MaxPool2d): it pools spikes (it reads ${readsOp(ann, p)} behind a spiking layer) and a spiking max-pool does not support ${extra.map((k) => `${k}=${JSON.stringify(p.attrs[k])}`).join(', ')}`,
        p.name,
        p.op,
      );
  }
  const rule: SpikingMaxPoolRule = recipe.rule === 'running-max' ? 'running-max' : 'gate';
  const momentum = recipe.rule === 'gate' ? (recipe.momentum ?? 1) : 1;
  return pools.map((p) => ({ node: p.name, rule, momentum, reads: readsOp(ann, p) }));
}

function readsOp(g: Graph, n: GraphNode): string {
  const src = n.inputs[0];
  return g.has(src) ? g.node(src).op : 'input';
}

/**
 * Replaces each planned MaxPool2d of the SNN by a SpikingMaxPool2d with the same window:
 *
 *   gate: y_t = x_t[argmax_window c_t],   running-max: y_t = max_window c_t − max_window c_{t−1},
 *   c_t = β·c_{t−1} + x_t
 *
 * Pure: returns a new graph.
 */
export function replaceMaxPools(snn: Graph, pools: readonly SpikingPool[]): Graph {
  const update: Record<string, { op: string; attrs: Record<string, unknown> }> = {};
  for (const p of pools) {
    const { kernel, strides, pads } = snn.node(p.node).attrs;
    update[p.node] = { op: 'SpikingMaxPool2d', attrs: { kernel, strides, pads, rule: p.rule, momentum: p.momentum } };
  }
  return pools.length ? snn.with({ update }) : snn;
}
