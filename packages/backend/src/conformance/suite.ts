import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../node.js';
import type { BackendName } from '../types.js';
import { type ConvSpec, conv2dRef, matMulRef, type Nd, numericGrad, poolRef, seeded } from './reference.js';

/** Sizes: small enough for SwiftShader, large enough to cover tiling edges. */
export interface SuiteOptions {
  tol?: number;
}

const t = (a: Nd) => tf.tensor(Array.from(a.data), a.shape, 'float32');

async function expectClose(actual: tf.Tensor, expected: Nd, tol: number): Promise<void> {
  expect(actual.shape).toEqual(expected.shape);
  const got = await actual.data();
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected.data[i]) / (1 + Math.abs(expected.data[i])));
  expect(worst).toBeLessThan(tol);
}

const convCases: Array<[string, number[], number[], ConvSpec, tf.backend_util.ExplicitPadding | 'valid' | 'same']> = [
  ['3x3 valid', [2, 6, 6, 3], [3, 3, 3, 4], { stride: [1, 1], dilation: [1, 1], pad: [0, 0, 0, 0] }, 'valid'],
  ['3x3 same stride 2', [2, 7, 7, 2], [3, 3, 2, 3], { stride: [2, 2], dilation: [1, 1], pad: [1, 1, 1, 1] }, 'same'],
  [
    'asymmetric explicit pad',
    [1, 5, 6, 2],
    [2, 3, 2, 2],
    { stride: [1, 1], dilation: [1, 1], pad: [0, 1, 2, 0] },
    [
      [0, 0],
      [0, 1],
      [2, 0],
      [0, 0],
    ],
  ],
  ['dilation 2', [1, 7, 7, 2], [3, 3, 2, 2], { stride: [1, 1], dilation: [2, 2], pad: [0, 0, 0, 0] }, 'valid'],
  ['1x1 stride 2 (projection shortcut)', [2, 6, 6, 3], [1, 1, 3, 5], { stride: [2, 2], dilation: [1, 1], pad: [0, 0, 0, 0] }, 'valid'],
];

/**
 * The ops snn-ts relies on, checked against float64 reference loops. Every backend runs this same
 * suite (tfjs' conformance-test idea): a behaviour one backend has, all must have.
 */
export function conformanceSuite(name: BackendName, opts: SuiteOptions = {}): void {
  const tol = opts.tol ?? 1e-4;
  describe(`conformance on ${name}`, () => {
    beforeAll(async () => {
      const report = await initBackend(name);
      expect(report.backend).toBe(name);
      expect(tf.getBackend()).toBe(name);
    });

    for (const [label, xs, ws, spec, pad] of convCases) {
      it(`conv2d ${label}`, async () => {
        const x = seeded(xs, 1);
        const w = seeded(ws, 2);
        await expectClose(tf.conv2d(t(x) as tf.Tensor4D, t(w) as tf.Tensor4D, spec.stride, pad, 'NHWC', spec.dilation), conv2dRef(x, w, spec), tol);
      });
    }

    for (const [label, xs, ws, spec, pad] of convCases.filter((c) => c[3].dilation[0] === 1)) {
      it(`conv2d gradients ${label}`, async () => {
        const x = seeded(xs, 3);
        const w = seeded(ws, 4);
        const r = seeded(conv2dRef(x, w, spec).shape, 5);
        const loss = (xx: tf.Tensor4D, ww: tf.Tensor4D) => tf.sum(tf.mul(tf.conv2d(xx, ww, spec.stride, pad), t(r)));
        const [gx, gw] = tf.grads(loss as (...a: tf.Tensor[]) => tf.Tensor)([t(x), t(w)]);
        await expectClose(
          gw,
          numericGrad((q) => conv2dRef(x, q, spec), w, r),
          tol * 10,
        );
        await expectClose(
          gx,
          numericGrad((q) => conv2dRef(q, w, spec), x, r),
          tol * 10,
        );
      });
    }

    it('matMul with transposes and its gradient', async () => {
      const a = seeded([5, 7], 6);
      const b = seeded([7, 3], 7);
      await expectClose(tf.matMul(t(a), t(b)), matMulRef(a, b), tol);
      const bT = tf.transpose(t(b));
      await expectClose(tf.matMul(t(a), bT, false, true), matMulRef(a, b), tol);
      const r = seeded([5, 3], 8);
      const g = tf.grad((q: tf.Tensor) => tf.sum(tf.mul(tf.matMul(q, t(b)), t(r))))(t(a));
      await expectClose(
        g,
        numericGrad((q) => matMulRef(q, b), a, r),
        tol * 10,
      );
    });

    for (const kind of ['avg', 'max'] as const)
      for (const [k, s, size] of [
        [2, 2, 6],
        [3, 2, 7],
      ]) {
        it(`${kind}Pool ${k}x${k} stride ${s} and its gradient`, async () => {
          const x = seeded([2, size, size, 3], 9);
          const pool = (q: tf.Tensor) => (kind === 'avg' ? tf.avgPool(q as tf.Tensor4D, k, s, 'valid') : tf.maxPool(q as tf.Tensor4D, k, s, 'valid'));
          const ref = poolRef(x, k, s, kind);
          await expectClose(pool(t(x)), ref, tol);
          const r = seeded(ref.shape, 10);
          const g = tf.grad((q: tf.Tensor) => tf.sum(tf.mul(pool(q), t(r))))(t(x));
          await expectClose(
            g,
            numericGrad((q) => poolRef(q, k, s, kind), x, r, 1e-7),
            tol * 10,
          );
        });
      }

    it('elementwise ops match hand-derived values', async () => {
      const a = tf.tensor([-1.5, -0.2, 0, 0.3, 1.2, 2.7]);
      const b = tf.tensor([2, 0.5, -1, 0.3, 4, -0.5]);
      await expectClose(tf.add(a, b), { shape: [6], data: Float64Array.from([0.5, 0.3, -1, 0.6, 5.2, 2.2]) }, tol);
      await expectClose(tf.mul(a, b), { shape: [6], data: Float64Array.from([-3, -0.1, 0, 0.09, 4.8, -1.35]) }, tol);
      await expectClose(tf.div(a, b), { shape: [6], data: Float64Array.from([-0.75, -0.4, -0, 1, 0.3, -5.4]) }, tol);
      await expectClose(tf.relu(a), { shape: [6], data: Float64Array.from([0, 0, 0, 0.3, 1.2, 2.7]) }, tol);
      await expectClose(tf.clipByValue(a, 0, 1), { shape: [6], data: Float64Array.from([0, 0, 0, 0.3, 1, 1]) }, tol);
      await expectClose(tf.floor(a), { shape: [6], data: Float64Array.from([-2, -1, 0, 0, 1, 2]) }, tol);
      await expectClose(tf.cast(tf.greaterEqual(a, b), 'float32'), { shape: [6], data: Float64Array.from([0, 0, 1, 1, 0, 1]) }, tol);
      await expectClose(tf.where(tf.greater(a, 0), a, b), { shape: [6], data: Float64Array.from([2, 0.5, -1, 0.3, 1.2, 2.7]) }, tol);
    });

    it('reductions over axes', async () => {
      const x = tf.tensor([
        [1, -2, 3],
        [4, 5, -6],
      ]);
      await expectClose(tf.sum(x, 0), { shape: [3], data: Float64Array.from([5, 3, -3]) }, tol);
      await expectClose(tf.max(x, 1), { shape: [2], data: Float64Array.from([3, 5]) }, tol);
      await expectClose(tf.mean(x, 1), { shape: [2], data: Float64Array.from([2 / 3, 1]) }, tol);
      await expectClose(tf.min(x), { shape: [], data: Float64Array.from([-6]) }, tol);
      await expectClose(tf.cast(tf.argMax(x, 1), 'float32'), { shape: [2], data: Float64Array.from([2, 1]) }, tol);
    });

    it('relu and mean gradients', async () => {
      const x = tf.tensor([-1, 0.5, 2, -0.1]);
      const g = tf.grad((q: tf.Tensor) => tf.mean(tf.mul(tf.relu(q), tf.tensor([1, 2, 3, 4]))))(x);
      await expectClose(g, { shape: [4], data: Float64Array.from([0, 0.5, 0.75, 0]) }, tol);
    });

    it('gradient kernels leave their inputs intact, inside tidy and through fused ops', async () => {
      const x = tf.tensor4d(
        Array.from({ length: 2 * 6 * 6 * 2 }, (_, i) => Math.sin(i)),
        [2, 6, 6, 2],
      );
      const w = tf.tensor4d(
        Array.from({ length: 3 * 3 * 2 * 3 }, (_, i) => Math.cos(i)),
        [3, 3, 2, 3],
      );
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) tf.tidy(() => tf.grad((q: tf.Tensor) => tf.sum(tf.conv2d(x, q as tf.Tensor4D, 1, 'same')))(w)).dispose();
      expect(tf.memory().numTensors).toBe(before); // the kernels' wrappers of x and dy are released
      const g = tf.tidy(() =>
        tf.grad((q: tf.Tensor) => tf.sum(tf.fused.conv2d({ x, filter: q as tf.Tensor4D, strides: 1, pad: 'same', activation: 'relu' })))(w),
      );
      const pooled = tf.tidy(() => tf.grad((q: tf.Tensor) => tf.sum(tf.maxPool(q as tf.Tensor4D, 2, 2, 'valid')))(x));
      expect(g.shape).toEqual([3, 3, 2, 3]);
      expect(pooled.shape).toEqual(x.shape);
      // the inputs are still readable and unchanged after the kernels ran
      expect((await x.data())[1]).toBeCloseTo(Math.sin(1), 6);
      expect((await w.data())[1]).toBeCloseTo(Math.cos(1), 6);
      tf.dispose([x, w, g, pooled]);
    });

    it('leaves no tensors behind across repeated runs', () => {
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++)
        tf.tidy(() => {
          const w = tf.ones([3, 3, 2, 2]) as tf.Tensor4D;
          return tf.grad((q: tf.Tensor) => tf.sum(tf.conv2d(q as tf.Tensor4D, w, 1, 'same')))(tf.ones([1, 4, 4, 2]));
        }).dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
