import * as tf from '@tensorflow/tfjs-core';
import type { NodeSpec } from '../types.js';

/**
 * The hidden activation a built-in model uses: ReLU, or QCFS with L levels (Bu et al. 2022,
 * y = λ·clip(⌊x·L/λ + ½⌋/L, 0, 1)) whose learnable λ starts at `lambda` (default 4), one per layer
 * or one per channel; `trainLevels` makes training draw L from that list per pass (see the QCFS layer).
 */
export type ActivationSpec = { kind: 'relu' } | { kind: 'qcfs'; levels: number; lambda?: number; perChannel?: boolean; trainLevels?: number[] };

/**
 * Parses an activation as users write it: `relu`, `qcfs:L` (`qcfs:8`), `qcfs:L:channel` (λ per
 * channel). Throws a RangeError naming what is wrong.
 *
 * @example parseActivation('qcfs:8') // { kind: 'qcfs', levels: 8 }
 */
export function parseActivation(text: string): ActivationSpec {
  const s = text.trim().toLowerCase();
  if (s === 'relu') return { kind: 'relu' };
  const m = /^qcfs:(\d+)(:channel)?$/.exec(s);
  if (!m) throw new RangeError(`activation '${text}': expected relu, qcfs:L (e.g. qcfs:8) or qcfs:L:channel`);
  const levels = Number(m[1]);
  if (!(levels >= 1 && levels <= 1024)) throw new RangeError(`activation '${text}': L must be an integer in [1, 1024]`);
  return m[2] ? { kind: 'qcfs', levels, perChannel: true } : { kind: 'qcfs', levels };
}

/**
 * The node spec of activation `spec` named `name` reading `input` with `channels` channels (the
 * last axis): a ReLU, or a QCFS node with λ = `lambda` (`[1]`, or `[channels]` per channel).
 */
export function activationSpec(spec: ActivationSpec, name: string, input: string, channels: number): NodeSpec {
  if (spec.kind === 'relu') return { name, op: 'ReLU', inputs: [input] };
  const lambda = tf.fill([spec.perChannel ? channels : 1], spec.lambda ?? 4);
  const attrs = spec.trainLevels ? { levels: spec.levels, trainLevels: spec.trainLevels } : { levels: spec.levels };
  return { name, op: 'QCFS', inputs: [input], attrs, params: { lambda } };
}
