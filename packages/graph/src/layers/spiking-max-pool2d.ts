import * as tf from '@tensorflow/tfjs-core';
import type { LayerDef } from '../layer.js';
import { num } from './attrs.js';
import { nhwcPaddings, poolAttrs, poolShape } from './pool-util.js';

/** How a `SpikingMaxPool2d` layer turns its window's inputs into one output per step. */
export type SpikingMaxPoolRule = 'gate' | 'running-max';

/** Every {@link SpikingMaxPoolRule}, as the `rule` attribute accepts them. */
export const SPIKING_MAX_POOL_RULES: readonly SpikingMaxPoolRule[] = ['gate', 'running-max'];

/**
 * The window views of an NHWC tensor: for each kernel offset (u, v) in row-major order, the
 * `[N, H_out, W_out, C]` tensor of x̃[n, i·s_h + u, j·s_w + v, c], x̃ being x padded with `fill`.
 */
function windowViews(
  x: tf.Tensor4D,
  kernel: readonly number[],
  strides: readonly number[],
  pads: readonly number[],
  out: readonly number[],
  fill: number,
): tf.Tensor4D[] {
  const src = pads.every((p) => p === 0) ? x : tf.pad(x, nhwcPaddings(pads), fill);
  const [n, , , c] = x.shape;
  const views: tf.Tensor4D[] = [];
  for (let u = 0; u < kernel[0]; u++)
    for (let v = 0; v < kernel[1]; v++) {
      const end = [n, u + (out[0] - 1) * strides[0] + 1, v + (out[1] - 1) * strides[1] + 1, c];
      views.push(tf.stridedSlice(src, [0, u, v, 0], end, [1, strides[0], strides[1], 1]) as tf.Tensor4D);
    }
  return views;
}

/**
 * Max pooling for spike trains (stateful). A plain max over spikes acts as an OR of the window;
 * instead each input's running sum is kept in the state, c_t = β·c_{t−1} + x_t (c_0 = 0), and:
 *
 * - `rule: 'gate'` (Rueckauer et al. 2017): pass the input of the window's leader,
 *   y_t = x_t[j*], j* = argmax_{j ∈ window} c_t[j] (ties: the first in row-major window order);
 *   β = `momentum` ∈ (0, 1] (1: plain spike counts; below 1 the leader follows recent rates);
 * - `rule: 'running-max'`: emit the growth of the window's largest running sum,
 *   y_t = max_window c_t − max_window c_{t−1} (β = 1), so Σ_{τ≤t} y_τ = max_window Σ_{τ≤t} x_τ
 *   exactly: the output's rate is the max of the input rates at every t, never more.
 *
 * Both equal MaxPool2d at every step when the input is constant. Attrs: `kernel`, `strides`
 * (default the kernel), `pads` (−∞: never the leader), `rule` (default 'gate'), `momentum` (default 1).
 *
 * @example
 * b.add({ name: 'pool2', op: 'SpikingMaxPool2d', inputs: ['if2'], attrs: { kernel: [2, 2], rule: 'gate' } });
 */
export const spikingMaxPool2d: LayerDef = {
  op: 'SpikingMaxPool2d',
  stateful: true,
  attrs(a) {
    const rule = (a.rule ?? 'gate') as SpikingMaxPoolRule;
    if (!SPIKING_MAX_POOL_RULES.includes(rule))
      throw new Error(`attribute rule must be one of ${SPIKING_MAX_POOL_RULES.join(', ')}, got ${JSON.stringify(a.rule)}`);
    const momentum = num(a, 'momentum', 1);
    if (!(momentum > 0 && momentum <= 1)) throw new Error(`attribute momentum must be in (0, 1], got ${momentum}`);
    if (rule === 'running-max' && momentum !== 1) throw new Error(`attribute momentum must be 1 for rule 'running-max', got ${momentum}`);
    return { ...poolAttrs(a), rule, momentum };
  },
  inferShape: poolShape,
  forward({ node, inputs: [input], state, setState }) {
    const x = input as tf.Tensor4D;
    const { kernel, strides, pads, rule, momentum } = node.attrs as {
      kernel: number[];
      strides: number[];
      pads: number[];
      rule: SpikingMaxPoolRule;
      momentum: number;
    };
    if (state && !tf.util.arraysEqual(state.v.shape, x.shape))
      throw new Error(`the state has shape [${state.v.shape.join(', ')}] but the input is [${x.shape.join(', ')}]: start a new state for a new batch size`);
    const prev = (state?.v ?? tf.zeros(x.shape)) as tf.Tensor4D;
    const c = tf.add(momentum === 1 ? prev : tf.mul(prev, momentum), x) as tf.Tensor4D;
    setState({ v: c });
    if (rule === 'running-max') {
      const pool = (t: tf.Tensor4D) =>
        tf.maxPool(
          pads.some((p) => p > 0) ? tf.pad(t, nhwcPaddings(pads), Number.NEGATIVE_INFINITY) : t,
          kernel as [number, number],
          strides as [number, number],
          'valid',
        );
      return tf.sub(pool(c), pool(prev));
    }
    const out = node.shape;
    const cs = windowViews(c, kernel, strides, pads, out, Number.NEGATIVE_INFINITY);
    const xs = windowViews(x, kernel, strides, pads, out, 0);
    let best = cs[0];
    let y = xs[0];
    for (let k = 1; k < cs.length; k++) {
      const lead = tf.greater(cs[k], best);
      best = tf.where(lead, cs[k], best);
      y = tf.where(lead, xs[k], y);
    }
    return y;
  },
};
