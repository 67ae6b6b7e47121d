import { type Graph, GraphBuilder } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { OnnxImportError } from './errors.js';
import type { ImportPlan } from './plan.js';

/**
 * Turns an {@link ImportPlan} into a Graph: creates the param tensors (float32) and lets
 * GraphBuilder validate the nodes and infer shapes. If the graph refuses the plan, every tensor
 * made here is disposed and the reason comes back as an {@link OnnxImportError} (code `graph`).
 */
export function buildGraph(plan: ImportPlan): Graph {
  const made: tf.Tensor[] = [];
  try {
    const b = new GraphBuilder();
    for (const i of plan.inputs) b.input(i.name, i.shape);
    for (const s of plan.specs) {
      const params: Record<string, tf.Tensor> = {};
      for (const [k, t] of Object.entries(s.params ?? {})) {
        const data = t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
        const tensor = tf.tensor(data, t.dims, 'float32');
        made.push(tensor);
        params[k] = tensor;
      }
      b.add({ name: s.name, op: s.op, inputs: s.inputs, attrs: s.attrs ?? {}, params });
    }
    return b.output(...plan.outputs).build();
  } catch (e) {
    for (const t of made) t.dispose();
    if (e instanceof OnnxImportError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    const node = (e as { node?: string }).node;
    throw new OnnxImportError('graph', `the converted graph is invalid: ${why}`, { opset: plan.opset, ...(node ? { node } : {}) }, { cause: e });
  }
}
