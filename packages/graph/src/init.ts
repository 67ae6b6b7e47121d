import * as tf from '@tensorflow/tfjs-core';

/** Uniform values in [−bound, bound) from a seeded generator (see `createRng`). */
export function uniform(shape: number[], bound: number, rng: () => number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = (2 * rng() - 1) * bound;
  return tf.tensor(data, shape, 'float32');
}

/**
 * PyTorch's default initialisation of Conv2d and Linear (kaiming-uniform with a = √5, and the
 * same bound for the bias): W, b ~ U(−1/√fan_in, 1/√fan_in), since
 * gain·√(3/fan_in) = √(2/(1 + a²))·√(3/fan_in) = 1/√fan_in.
 */
export function torchDefaultBound(fanIn: number): number {
  return 1 / Math.sqrt(fanIn);
}

/**
 * Conv2d params initialised like PyTorch: weight HWIO `[kh, kw, cin/groups, cout]`, bias `[cout]`,
 * fan_in = (cin/groups)·kh·kw.
 *
 * @example
 * const { weight, bias } = initConv2d(createRng(0), 3, 3, 1, 32);
 */
export function initConv2d(rng: () => number, kh: number, kw: number, cin: number, cout: number, groups = 1): { weight: tf.Tensor; bias: tf.Tensor } {
  const bound = torchDefaultBound((cin / groups) * kh * kw);
  return { weight: uniform([kh, kw, cin / groups, cout], bound, rng), bias: uniform([cout], bound, rng) };
}

/** Linear params initialised like PyTorch: weight `[in, out]`, bias `[out]`, fan_in = in. */
export function initLinear(rng: () => number, inF: number, outF: number): { weight: tf.Tensor; bias: tf.Tensor } {
  const bound = torchDefaultBound(inF);
  return { weight: uniform([inF, outF], bound, rng), bias: uniform([outF], bound, rng) };
}

/** BatchNorm params as PyTorch starts them: γ = 1, β = 0, running mean 0, running var 1. */
export function initBatchNorm(c: number): { gamma: tf.Tensor; beta: tf.Tensor; mean: tf.Tensor; var: tf.Tensor } {
  return { gamma: tf.ones([c]), beta: tf.zeros([c]), mean: tf.zeros([c]), var: tf.ones([c]) };
}
