import * as tf from '@tensorflow/tfjs-core';
import { execute } from '../execute.js';
import type { Graph } from '../graph.js';
import { type ArraySamples, gatherBatch } from './data.js';

/**
 * BatchNorm recalibration: re-estimates every BatchNorm's running μ, σ² from one pass over `data`
 * (in order, batches of `batchSize`) in training-statistics mode, no weight update. Batch k of K
 * updates with momentum 1/k (PyTorch's `momentum=None`, a cumulative average), so afterwards
 *
 *   μ = (1/K) Σ_k mean_k,   σ² = (1/K) Σ_k var_k · n_k/(n_k − 1)
 *
 * over the batches' per-channel statistics (each BatchNorm sees the batch normalised by the ones
 * before it with their batch statistics, as in training). Used after training with QCFS levels drawn
 * per pass: every QCFS runs at its inference `levels` (`trainLevels` ignored), or at `opts.levels`
 * when given (the returned graph keeps its own `levels`), so the statistics are those of that grid alone. The graph must hold no
 * Dropout (training mode would drop). Returns a new graph sharing every other tensor with `graph`;
 * the new μ, σ² tensors are the caller's (dispose the old graph's with care: they are replaced).
 *
 * @example
 * const calibrated = reestimateBatchNorm(trained, train, { batchSize: 100 });
 */
export function reestimateBatchNorm(graph: Graph, data: ArraySamples, opts: { batchSize: number; levels?: number }): Graph {
  const bn = graph.nodes.filter((n) => n.op === 'BatchNorm');
  if (graph.nodes.some((n) => n.op === 'Dropout')) throw new Error('reestimateBatchNorm: the graph holds Dropout, which training mode would apply');
  if (!bn.length || data.n === 0) return graph;
  const shape = graph.inputs[0].shape;
  // Every QCFS at its inference `levels` or opts.levels (a `trainLevels` list would draw per pass).
  const atLevels = Object.fromEntries(graph.nodes.filter((n) => n.op === 'QCFS').map((n) => [n.name, { attrs: { levels: opts.levels ?? n.attrs.levels } }]));
  let g = graph;
  const owned: tf.Tensor[] = [];
  for (let k = 0; k * opts.batchSize < data.n; k++) {
    const m = 1 / (k + 1);
    const step = g.with({ update: { ...atLevels, ...Object.fromEntries(bn.map((n) => [n.name, { attrs: { ...n.attrs, momentum: m } }])) } });
    const { x, y } = gatherBatch(data, shape, null, k * opts.batchSize, opts.batchSize);
    const r = execute(step, x, { training: true });
    tf.dispose([x, y, ...r.outputs]);
    const updates = r.updates ?? {};
    tf.dispose(owned.splice(0));
    for (const u of Object.values(updates)) owned.push(u.mean, u.var);
    g = g.with({ update: Object.fromEntries(bn.map((n) => [n.name, { params: { ...g.node(n.name).params, ...updates[n.name] } }])) });
  }
  return g;
}
