import * as tf from '@tensorflow/tfjs-core';
import { execute } from '../execute.js';
import type { Graph } from '../graph.js';
import { getLayer } from '../registry.js';
import { createRng } from '@snn/core';
import type { NodeSpec } from '../types.js';
import { crossEntropy } from './loss.js';
import { makeOptimizer, type OptimizerSpec } from './optimizer.js';

/** Options of {@link Trainer}. */
export interface TrainerOptions {
  /** A spec (`{ kind: 'adam', lr: 1e-3 }`) or any tfjs-core optimizer. */
  optimizer: OptimizerSpec | tf.Optimizer;
  /** Seed of the random ops (Dropout masks); default 0. */
  seed?: number;
  /** Loss of the graph's first output against the labels; default {@link crossEntropy}. */
  loss?: (output: tf.Tensor, labels: tf.Tensor) => tf.Scalar;
}

/**
 * Trains a graph's params by gradient descent. Every param becomes a `tf.Variable` (copied: the
 * given graph is left alone): the layers' trainable params (Conv/Linear weight and bias, BatchNorm
 * γ and β) are optimised, BatchNorm's running statistics are updated in training mode with
 * momentum, and the rest stay constant. Each `step` runs forward (training mode), loss, backward and
 * the update inside one tidy, so the tensor count stays flat.
 *
 * @example
 * const trainer = new Trainer(tutorialCnn(), { optimizer: { kind: 'adam', lr: 1e-3 } });
 * const loss = trainer.step(images, labels); // images [N, 28, 28, 1], labels int32 [N]
 * const trained = trainer.snapshot();        // a graph with plain tensors; then trainer.dispose()
 */
export class Trainer {
  /** The graph being trained; its params are the trainer's variables. */
  readonly graph: Graph;
  readonly optimizer: tf.Optimizer;
  private readonly trainable: tf.Variable[] = [];
  private readonly variables: tf.Variable[] = [];
  private readonly rng: () => number;
  private readonly loss: (output: tf.Tensor, labels: tf.Tensor) => tf.Scalar;
  private readonly ownsOptimizer: boolean;

  constructor(graph: Graph, opts: TrainerOptions) {
    this.ownsOptimizer = !(opts.optimizer instanceof tf.Optimizer);
    this.optimizer = opts.optimizer instanceof tf.Optimizer ? opts.optimizer : makeOptimizer(opts.optimizer);
    this.rng = createRng(opts.seed ?? 0);
    this.loss = opts.loss ?? crossEntropy;
    const specs: NodeSpec[] = graph.toSpecs().map((s) => {
      const trainable = new Set(getLayer(s.op).trainable ?? []);
      const params: Record<string, tf.Tensor> = {};
      for (const [name, t] of Object.entries(s.params ?? {})) {
        const v = tf.variable(t, trainable.has(name), undefined, t.dtype);
        this.variables.push(v);
        if (trainable.has(name)) this.trainable.push(v);
        params[name] = v;
      }
      return { ...s, params };
    });
    this.graph = graph.with({ nodes: specs });
  }

  /** One optimisation step on a batch; returns the loss before the update. */
  step(x: tf.Tensor, labels: tf.Tensor): number {
    const seed = Math.floor(this.rng() * 2 ** 31);
    const cost = tf.tidy(
      () =>
        this.optimizer.minimize(
          () => {
            const { outputs } = execute(this.graph, x, { training: true, seed });
            return this.loss(outputs[0], labels);
          },
          true,
          this.trainable,
        ) as tf.Scalar,
    );
    const value = cost.dataSync()[0];
    cost.dispose();
    return value;
  }

  /** The graph with its current params copied into plain tensors (it outlives the trainer). */
  snapshot(): Graph {
    return this.graph.with({
      nodes: this.graph.toSpecs().map((s) => ({ ...s, params: Object.fromEntries(Object.entries(s.params ?? {}).map(([k, v]) => [k, tf.clone(v)])) })),
    });
  }

  /** Frees the variables and, if the trainer made it, the optimizer's state. */
  dispose(): void {
    for (const v of this.variables) v.dispose();
    if (this.ownsOptimizer) this.optimizer.dispose();
  }
}
