import * as tf from '@tensorflow/tfjs-core';

/** How the learning rate moves over a run: `constant`, or `one-cycle` (warm-up, then cosine decay to 0). */
export type LrSchedule = 'constant' | 'one-cycle';

/** Fraction of the steps the one-cycle schedule warms up over. */
export const WARMUP_FRACTION = 0.1;

/**
 * The learning rate at step i (0-based) of n, for a peak rate η:
 *
 *   constant:   η_i = η
 *   one-cycle:  η_i = η·(i + 1)/w                                for i < w = ⌈0.1·n⌉ (linear warm-up)
 *               η_i = η·½·(1 + cos(π·(i − w)/(n − w)))           after it (cosine to 0)
 */
export function learningRate(schedule: LrSchedule, lr: number, i: number, n: number): number {
  if (schedule === 'constant') return lr;
  const w = Math.ceil(WARMUP_FRACTION * n);
  if (i < w) return (lr * (i + 1)) / w;
  return lr * 0.5 * (1 + Math.cos((Math.PI * (i - w)) / Math.max(1, n - w)));
}

/** tfjs' Adam with a learning rate that can be changed between steps (tfjs reads it on each update). */
export class ScheduledAdam extends tf.AdamOptimizer {
  constructor(lr: number) {
    super(lr, 0.9, 0.999, 1e-8); // makeOptimizer's Adam defaults (PyTorch's)
  }

  /** Sets η for the next update. */
  setLearningRate(lr: number): void {
    this.learningRate = lr;
  }
}
