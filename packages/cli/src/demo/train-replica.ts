import { crossEntropy, execute, type Graph, getLayer, Trainer } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import { ScheduledAdam } from './lr-schedule.js';

/**
 * One copy of the network being trained (its params as variables, its own Adam), split into the two
 * halves of a training step so that copies on several threads stay equal: each computes the
 * gradient of its share of the batch ({@link grads}), the shares are averaged by image count,
 * and every copy applies the same average ({@link apply}) — data-parallel training. With one copy
 * and the whole batch, a step is `Trainer.step`'s: forward in training mode (BatchNorm on batch
 * statistics, running statistics updated), cross-entropy, backward, Adam.
 */
export class Replica {
  readonly trainer: Trainer;
  readonly optimizer: ScheduledAdam;
  /** The trainable variables (Conv/Linear weight and bias, BatchNorm γ, β), in graph order. */
  readonly trainable: tf.Variable[];

  constructor(initial: Graph, lr: number, seed: number) {
    this.optimizer = new ScheduledAdam(lr);
    this.trainer = new Trainer(initial, { optimizer: this.optimizer, seed });
    this.trainable = this.trainer.graph.nodes.flatMap((n) =>
      (getLayer(n.op).trainable ?? []).filter((p) => p in n.params).map((p) => n.params[p] as tf.Variable),
    );
  }

  /** The mean loss over the images of `x` and its gradient with respect to every trainable variable. */
  grads(x: tf.Tensor, labels: tf.Tensor, seed: number): { loss: number; grads: Float32Array[] } {
    const { value, grads } = tf.variableGrads(() => crossEntropy(execute(this.trainer.graph, x, { training: true, seed }).outputs[0], labels), this.trainable);
    const out = this.trainable.map((v) => grads[v.name].dataSync() as Float32Array);
    const loss = value.dataSync()[0];
    tf.dispose([value, ...Object.values(grads)]);
    return { loss, grads: out };
  }

  /** One Adam update at learning rate `lr` from the given gradients (one array per trainable variable). */
  apply(grads: readonly Float32Array[], lr: number): void {
    this.optimizer.setLearningRate(lr);
    tf.tidy(() => this.optimizer.applyGradients(this.trainable.map((v, i) => ({ name: v.name, tensor: tf.tensor(grads[i], v.shape) }))));
  }

  dispose(): void {
    this.trainer.dispose();
    this.optimizer.dispose();
  }
}

/** The image-weighted mean of gradient shares: g = Σ_k n_k·g_k / Σ_k n_k (the whole batch's mean-loss gradient). */
export function averageGrads(shares: ReadonlyArray<{ n: number; grads: readonly Float32Array[] }>): Float32Array[] {
  const total = shares.reduce((s, p) => s + p.n, 0);
  return shares[0].grads.map((_, i) => {
    const out = new Float32Array(shares[0].grads[i].length);
    for (const { n, grads } of shares) {
      const w = n / total;
      const g = grads[i];
      for (let j = 0; j < out.length; j++) out[j] += w * g[j];
    }
    return out;
  });
}
