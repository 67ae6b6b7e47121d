import * as tf from '@tensorflow/tfjs-core';
import { fmtNode, fmtShape, GraphError } from './errors.js';
import { getLayer, hasLayer, listLayers } from './registry.js';
import type { GraphInput, GraphNode, NodeSpec } from './types.js';

const isShape = (s: unknown): s is number[] => Array.isArray(s) && s.every((d) => Number.isInteger(d) && d > 0);

/** Checks graph inputs: unique names, shapes of positive integers. */
export function checkInputs(inputs: readonly GraphInput[]): void {
  const seen = new Set<string>();
  for (const i of inputs) {
    if (!i || typeof i.name !== 'string' || !i.name) throw new GraphError('every graph input needs a non-empty name');
    if (seen.has(i.name)) throw new GraphError(`graph input '${i.name}' is declared twice`, { node: i.name });
    seen.add(i.name);
    if (!isShape(i.shape)) {
      throw new GraphError(
        `graph input '${i.name}' has shape ${JSON.stringify(i.shape)}; expected positive integers without the batch axis (e.g. [28, 28, 1])`,
        {
          node: i.name,
        },
      );
    }
  }
}

/** Checks one spec on its own: name, op, input count, params present and alive. */
export function checkSpec(spec: NodeSpec, taken: ReadonlySet<string>): void {
  if (!spec || typeof spec.name !== 'string' || !spec.name) throw new GraphError(`a node spec needs a non-empty name (got ${JSON.stringify(spec?.name)})`);
  const where = { node: spec.name, op: spec.op };
  const at = fmtNode(spec.name, spec.op);
  if (taken.has(spec.name)) throw new GraphError(`${at}: the name is already used by another node or graph input`, where);
  if (typeof spec.op !== 'string' || !hasLayer(spec.op)) throw new GraphError(`${at}: unknown op (registered: ${listLayers().join(', ')})`, where);
  if (!Array.isArray(spec.inputs) || !spec.inputs.every((i) => typeof i === 'string')) throw new GraphError(`${at}: inputs must be an array of names`, where);
  const def = getLayer(spec.op);
  const [min, max] = def.arity ?? [1, 1];
  if (spec.inputs.length < min || spec.inputs.length > max) {
    const want = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
    throw new GraphError(`${at}: takes ${want} input(s), got ${spec.inputs.length}`, where);
  }
  const params = spec.params ?? {};
  const known = new Set([...(def.params?.required ?? []), ...(def.params?.optional ?? [])]);
  for (const p of def.params?.required ?? []) if (!(p in params)) throw new GraphError(`${at}: param '${p}' is required`, where);
  for (const [p, t] of Object.entries(params)) {
    if (!known.has(p)) throw new GraphError(`${at}: unknown param '${p}' (expected ${[...known].join(', ') || 'none'})`, where);
    if (!(t instanceof tf.Tensor)) throw new GraphError(`${at}: param '${p}' must be a tf.Tensor`, where);
    if (t.isDisposed) throw new GraphError(`${at}: param '${p}' has been disposed`, where);
  }
}

/** Orders specs so that every node follows its inputs (stable: ties keep spec order). */
export function topoSort(specs: readonly NodeSpec[], inputNames: ReadonlySet<string>): NodeSpec[] {
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (const s of specs) {
    for (const i of s.inputs) {
      if (!byName.has(i) && !inputNames.has(i)) {
        throw new GraphError(`${fmtNode(s.name, s.op)}: input '${i}' is neither a node nor a graph input`, { node: s.name, op: s.op });
      }
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const order: NodeSpec[] = [];
  const visit = (s: NodeSpec, path: string[]) => {
    const st = state.get(s.name);
    if (st === 'done') return;
    if (st === 'visiting') {
      const cycle = [...path.slice(path.indexOf(s.name)), s.name];
      throw new GraphError(`the graph has a cycle: ${cycle.join(' → ')}`, { node: s.name, op: s.op });
    }
    state.set(s.name, 'visiting');
    for (const i of s.inputs) {
      const dep = byName.get(i);
      if (dep) visit(dep, [...path, s.name]);
    }
    state.set(s.name, 'done');
    order.push(s);
  };
  for (const s of specs) visit(s, []);
  return order;
}

/** Completes a spec's attrs and infers its output shape, wrapping errors with node, op and shapes. */
export function resolveNode(spec: NodeSpec, shapes: ReadonlyMap<string, readonly number[]>): GraphNode {
  const def = getLayer(spec.op);
  const inputShapes = spec.inputs.map((i) => shapes.get(i) as readonly number[]);
  const where = { node: spec.name, op: spec.op };
  const at = `${fmtNode(spec.name, spec.op)}, input shape(s) ${inputShapes.map(fmtShape).join(', ')}`;
  let attrs: Record<string, unknown>;
  let shape: number[];
  const params = { ...(spec.params ?? {}) };
  try {
    attrs = def.attrs ? def.attrs(spec.attrs ?? {}) : { ...(spec.attrs ?? {}) };
    shape = def.inferShape({ name: spec.name, attrs, params, inputShapes });
  } catch (e) {
    if (e instanceof GraphError) throw e;
    throw new GraphError(`${at}: ${(e as Error).message}`, where);
  }
  if (!isShape(shape)) throw new GraphError(`${at}: the output shape ${JSON.stringify(shape)} is empty or invalid`, where);
  return Object.freeze({
    name: spec.name,
    op: spec.op,
    inputs: Object.freeze([...spec.inputs]),
    attrs: Object.freeze(attrs),
    params: Object.freeze(params),
    shape: Object.freeze(shape),
  });
}
