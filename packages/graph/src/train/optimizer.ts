import * as tf from '@tensorflow/tfjs-core';

/** Plain or momentum SGD: v ← μ·v + g, θ ← θ − η·v (PyTorch's SGD, no dampening). */
export interface SgdSpec {
  kind: 'sgd';
  lr: number;
  momentum?: number;
}

/**
 * Adam (PyTorch's defaults): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
 * θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).
 */
export interface AdamSpec {
  kind: 'adam';
  lr: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** What {@link makeOptimizer} builds: `{ kind: 'sgd', … }` or `{ kind: 'adam', … }`. */
export type OptimizerSpec = SgdSpec | AdamSpec;

/**
 * A tfjs-core optimizer from a typed spec (defaults: momentum 0; β₁ 0.9, β₂ 0.999, ε 1e-8).
 *
 * @example
 * makeOptimizer({ kind: 'adam', lr: 1e-3 });
 */
export function makeOptimizer(spec: OptimizerSpec): tf.Optimizer {
  if (!(typeof spec?.lr === 'number' && spec.lr > 0 && Number.isFinite(spec.lr)))
    throw new RangeError(`optimizer lr must be a finite number > 0, got ${spec?.lr}`);
  if (spec.kind === 'sgd') {
    const m = spec.momentum ?? 0;
    if (!(m >= 0 && m < 1)) throw new RangeError(`sgd momentum must be in [0, 1), got ${m}`);
    return m === 0 ? tf.train.sgd(spec.lr) : tf.train.momentum(spec.lr, m);
  }
  if (spec.kind === 'adam') return tf.train.adam(spec.lr, spec.beta1 ?? 0.9, spec.beta2 ?? 0.999, spec.eps ?? 1e-8);
  throw new RangeError(`unknown optimizer kind '${(spec as { kind: string }).kind}' (expected 'sgd' or 'adam')`);
}
