import { createRng } from '@snn/core';
import { GraphBuilder } from '../builder.js';
import type { Graph } from '../graph.js';
import { initBatchNorm, initConv2d, initLinear } from '../init.js';
import { type ActivationSpec, activationSpec } from './activation.js';

/** Options of {@link tutorialCnn}. */
export interface TutorialCnnOptions {
  /** Seed of the weight initialisation (default 0). */
  seed?: number;
  /** Input name (default `'x'`). */
  input?: string;
  /** Hidden activation (default ReLU); a QCFS one names its nodes `qcfs1`…`qcfs3`. */
  activation?: ActivationSpec;
  /**
   * End in a ReLU (`relu4`, the tutorial's choice) or at `fc`. Default: the ReLU for ReLU models, none
   * for QCFS ones — a class whose score starts ≤ 0 never gets a gradient through it (with QCFS at
   * seed 5, class 1 of the training split stayed at 0 % after 10 epochs), and the accumulating output
   * layer a QCFS conversion uses reads `fc` anyway.
   */
  outputRelu?: boolean;
}

/**
 * The CNN of SpikingJelly's ann2snn tutorial for MNIST `[28, 28, 1]`, freshly initialised like
 * PyTorch (seeded):
 *
 *   3 × [Conv2d 3×3 → 32 (no padding), BatchNorm(ε = 1e-3), ReLU, AvgPool2d 2×2]
 *   → Flatten → Linear(32 → 10) → ReLU
 *
 * Spatial sizes 28 → 26 → 13 → 11 → 5 → 3 → 1. Nodes are named `conv1`, `bn1`, `relu1`, `pool1`,
 * …, `flat`, `fc`, `relu4` (the output: 10 non-negative class scores).
 *
 * @example
 * const graph = tutorialCnn({ seed: 0 });
 */
export function tutorialCnn(opts: TutorialCnnOptions = {}): Graph {
  const rng = createRng(opts.seed ?? 0);
  const b = new GraphBuilder();
  let prev = b.input(opts.input ?? 'x', [28, 28, 1]);
  let cin = 1;
  for (let i = 1; i <= 3; i++) {
    b.add({ name: `conv${i}`, op: 'Conv2d', inputs: [prev], params: initConv2d(rng, 3, 3, cin, 32) });
    b.add({ name: `bn${i}`, op: 'BatchNorm', inputs: [`conv${i}`], attrs: { eps: 1e-3, momentum: 0.1 }, params: initBatchNorm(32) });
    const act = b.add(activationSpec(opts.activation ?? { kind: 'relu' }, `${opts.activation?.kind ?? 'relu'}${i}`, `bn${i}`, 32));
    prev = b.add({ name: `pool${i}`, op: 'AvgPool2d', inputs: [act], attrs: { kernel: [2, 2], strides: [2, 2] } });
    cin = 32;
  }
  b.add({ name: 'flat', op: 'Flatten', inputs: [prev] });
  b.add({ name: 'fc', op: 'Linear', inputs: ['flat'], params: initLinear(rng, 32, 10) });
  if (!(opts.outputRelu ?? (opts.activation?.kind ?? 'relu') === 'relu')) return b.output('fc').build();
  b.add({ name: 'relu4', op: 'ReLU', inputs: ['fc'] });
  return b.output('relu4').build();
}
