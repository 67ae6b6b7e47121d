// Runs one ONNX conformance case through the importer and the graph, and classifies the result.
import { execute, type Graph } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { buildGraph, OnnxImportError, planImport } from '../../src/index.js';
import type { CaseTensor, ConformanceCase } from './cases.js';

export type Verdict = { kind: 'pass' } | { kind: 'refused' | 'wrong' | 'crash'; reason: string };

/** |y − e| ≤ RTOL·|e| + ATOL for every element (non-finite values must match exactly). */
export const RTOL = 1e-4;
export const ATOL = 1e-6;

/** ONNX layout → the graph's: NCHW → NHWC, NCL → N·1·L·C, [N, F] as it is. */
function toGraph(t: CaseTensor): tf.Tensor {
  const d = t.dims;
  const x = tf.tensor(t.data as Float32Array, d.length === 3 ? [d[0], d[1], 1, d[2]] : d, 'float32');
  return x.rank === 4 ? tf.transpose(x, [0, 2, 3, 1]) : x;
}

/** The graph's output back in ONNX layout, as the expected tensor's dims. */
function fromGraph(y: tf.Tensor, want: number[]): tf.Tensor | undefined {
  const nchw = y.rank === 4 ? tf.transpose(y, [0, 3, 1, 2]) : y;
  return nchw.size === want.reduce((a, b) => a * b, 1) ? tf.reshape(nchw, want) : undefined;
}

/** The first element outside tolerance, or undefined when all are close. */
export function mismatch(got: Float32Array, want: Float32Array): string | undefined {
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i], want[i]];
    const ok = Number.isFinite(w) ? Math.abs(g - w) <= RTOL * Math.abs(w) + ATOL : Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w));
    if (!ok) return `element ${i}: ${g} instead of ${w}`;
  }
  return undefined;
}

export function runCase(c: ConformanceCase): Verdict {
  let graph: Graph;
  try {
    graph = buildGraph(planImport(c.model));
  } catch (e) {
    if (!(e instanceof OnnxImportError)) return { kind: 'crash', reason: `import threw ${String(e)}` };
    if (e.code === 'internal' || /converted graph is invalid/.test(e.message)) return { kind: 'crash', reason: e.message };
    return { kind: 'refused', reason: e.detail };
  }
  try {
    if (c.inputs.some((t) => !t.data)) return { kind: 'crash', reason: 'imported a model with a non-float input' };
    return tf.tidy(() => {
      const feeds = Object.fromEntries(graph.inputs.map((input, k) => [input.name, toGraph(c.inputs[k])]));
      const ys = execute(graph, feeds).outputs;
      for (const [k, want] of c.outputs.entries()) {
        if (!want.data) return { kind: 'wrong', reason: `output ${k} is ${want.dtype}, produced as float32` } as Verdict;
        const y = fromGraph(ys[k], want.dims);
        if (!y) return { kind: 'wrong', reason: `output ${k} has shape [${ys[k].shape.join(', ')}], expected [${want.dims.join(', ')}]` } as Verdict;
        const bad = mismatch(y.dataSync() as Float32Array, want.data);
        if (bad) return { kind: 'wrong', reason: `output ${k}: ${bad}` } as Verdict;
      }
      return { kind: 'pass' } as Verdict;
    });
  } catch (e) {
    return { kind: 'crash', reason: `running it threw ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    graph.dispose();
  }
}
