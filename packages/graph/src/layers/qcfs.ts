import { createRng } from '@snn/core';
import type { LayerDef } from '../layer.js';
import { int } from './attrs.js';
import { qcfsTrain, qcfsValue } from './train/qcfs.js';

/**
 * Quantization-clip-floor-shift activation (Bu et al., ICLR 2022), L levels, learnable λ > 0:
 *
 *   y = λ · clip(⌊x·L/λ + ½⌋ / L, 0, 1)
 *
 * i.e. x rounded to the grid {0, λ/L, …, λ}. An IF neuron with θ = λ and V₀ = θ/2 fed a constant x
 * fires exactly L·y/λ spikes in T = L steps, so a QCFS network converts without calibration.
 * Param `lambda`: `[1]` (one per layer) or `[C]` (one per channel of the last axis), trained with a
 * straight-through estimator for the floor (see `train/qcfs.ts`). Attr `levels` L (default 8).
 * Optional attr `trainLevels` (e.g. `[2, 4, 8]`): in training only, each forward pass draws its L
 * from this list (seeded by execute()'s `seed`), so the network also works with the coarser grids an
 * IF neuron reproduces at T < L steps (T steps of binary spikes give T levels); inference uses `levels`.
 *
 * @example
 * b.add({ name: 'q1', op: 'QCFS', inputs: ['bn1'], attrs: { levels: 8 }, params: { lambda: tf.tensor1d([4]) } });
 */
export const qcfs: LayerDef = {
  op: 'QCFS',
  params: { required: ['lambda'] },
  trainable: ['lambda'],
  attrs(a) {
    const levels = int(a, 'levels', 8);
    if (a.trainLevels === undefined) return { levels };
    const t = a.trainLevels;
    if (!Array.isArray(t) || t.length === 0 || !t.every((l) => Number.isInteger(l) && l >= 1))
      throw new Error(`attribute trainLevels must be a non-empty list of integers ≥ 1, got ${JSON.stringify(t)}`);
    return { levels, trainLevels: [...t] };
  },
  inferShape({ params, inputShapes: [x] }) {
    const lam = params.lambda;
    const c = x[x.length - 1];
    if (lam.rank !== 1 || (lam.shape[0] !== 1 && lam.shape[0] !== c))
      throw new Error(`param lambda must be [1] or [${c}] (one per channel of the last axis), got [${lam.shape.join(', ')}]`);
    const bad = Array.from(lam.dataSync()).find((v) => !(v > 0 && Number.isFinite(v)));
    if (bad !== undefined) throw new Error(`param lambda must be finite and > 0, got ${bad}`);
    return [...x];
  },
  forward({ node, inputs: [x], training, seed }) {
    const levels = node.attrs.levels as number;
    if (!training) return qcfsValue(x, node.params.lambda, levels);
    const draw = node.attrs.trainLevels as number[] | undefined;
    return qcfsTrain(x, node.params.lambda, draw ? draw[Math.floor(createRng(seed())() * draw.length)] : levels);
  },
};
