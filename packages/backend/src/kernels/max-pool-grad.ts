import * as tf from '@tensorflow/tfjs-core';
import { borrow } from './borrow.js';

interface Attrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * MaxPoolGrad from elementwise ops, for tfjs-backend-wasm 4.22 whose own kernel routes gradients
 * to wrong elements for most shapes (found by the conformance suite). The gradient of each window
 * goes to its first maximum (the cpu backend's tie rule):
 *
 * dx = Σ_{i,j} place_{i,j}( dy ⊙ [x̃_{i,j} = y] ⊙ [no earlier (i',j') matched] )
 *
 * where x̃_{i,j}[b,oh,ow,c] = x_pad[b, oh·s_h + i, ow·s_w + j, c] and place_{i,j} scatters back
 * to those positions (zero interleave + shift).
 */
export function maxPoolGradViaOps(dy: tf.Tensor4D, x: tf.Tensor4D, y: tf.Tensor4D, attrs: Attrs): tf.Tensor4D {
  const info = tf.backend_util.computePool2DInfo(x.shape, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { top, bottom, left, right } = info.padInfo;
  const [B, OH, OW, C] = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  return tf.tidy(() => {
    // Room for every (i, j) shift of the interleaved grid, whatever the padding arithmetic left over.
    const Hp = Math.max(x.shape[1] + top + bottom, (OH - 1) * sh + info.filterHeight, OH * sh);
    const Wp = Math.max(x.shape[2] + left + right, (OW - 1) * sw + info.filterWidth, OW * sw);
    const xp = tf.pad(
      x,
      [
        [0, 0],
        [top, Hp - x.shape[1] - top],
        [left, Wp - x.shape[2] - left],
        [0, 0],
      ],
      -Infinity,
    );
    let taken = tf.cast(tf.zerosLike(y), 'bool') as tf.Tensor4D;
    let dxp = tf.zeros([B, Hp + sh, Wp + sw, C]) as tf.Tensor4D;
    for (let i = 0; i < info.filterHeight; i++)
      for (let j = 0; j < info.filterWidth; j++) {
        const xij = tf.stridedSlice(xp, [0, i, j, 0], [B, i + (OH - 1) * sh + 1, j + (OW - 1) * sw + 1, C], [1, sh, sw, 1]);
        const hit = tf.logicalAnd(tf.equal(xij, y), tf.logicalNot(taken));
        taken = tf.logicalOr(taken, hit);
        const g = tf.where(hit, dy, tf.zerosLike(dy));
        // Interleave with zeros: [B,OH,OW,C] → [B,OH·sh,OW·sw,C] with g at (oh·sh, ow·sw).
        const spread = tf.reshape(
          tf.pad(tf.reshape(g, [B, OH, 1, OW, 1, C]), [
            [0, 0],
            [0, 0],
            [0, sh - 1],
            [0, 0],
            [0, sw - 1],
            [0, 0],
          ]),
          [B, OH * sh, OW * sw, C],
        );
        dxp = tf.add(
          dxp,
          tf.pad(spread, [
            [0, 0],
            [i, Hp + sh - OH * sh - i],
            [j, Wp + sw - OW * sw - j],
            [0, 0],
          ]),
        );
      }
    return tf.slice(dxp, [0, top, left, 0], x.shape) as tf.Tensor4D;
  });
}

/** The tfjs kernel config that plugs {@link maxPoolGradViaOps} into a backend. */
export function maxPoolGradKernel(backendName: string): tf.KernelConfig {
  return {
    kernelName: tf.MaxPoolGrad,
    backendName,
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { dy, input, output } = inputs as Record<'dy' | 'input' | 'output', tf.TensorInfo>;
      const [dyt, xt, yt] = [dy, input, output].map((i) => borrow(i, backend as tf.KernelBackend) as tf.Tensor4D);
      try {
        return maxPoolGradViaOps(dyt, xt, yt, attrs as unknown as Attrs);
      } finally {
        for (const t of [dyt, xt, yt]) t.dispose();
      }
    },
  };
}
