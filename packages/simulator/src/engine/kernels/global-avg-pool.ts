import type { LayerKernel } from './types.js';

/**
 * GlobalAvgPool over plain float32 arrays, per row r (a step of a sample) and channel c:
 *
 *   y[r, c] = fl(Σ_p x[r, p, c]) / (H·W)
 *
 * the sum over the H·W positions in row-major order, each addition rounded to float32 (a
 * Float32Array accumulator), then one float32 division — what `tf.mean` over [1, 2] gives on
 * the wasm backend, bit for bit (`global-avg-pool.test.ts`). Keeps the spike map a ResNet's last
 * IF layer makes out of tensors (a tensor per chunk, and its read-back, cost more than the sums).
 * With the kernel arena (C a multiple of 4) the sums run in WebAssembly SIMD (`gap`), else in JS.
 * On the wasm backend only: the cpu backend's `tf.mean` sums in double.
 */
export const globalAvgPoolKernel: LayerKernel = {
  kind: 'layer',
  op: 'GlobalAvgPool',
  name: 'js-global-avg-pool',
  priority: 10,
  fits: (l, backend) => l.node.inputs.length === 1 && l.inputShape.length === 3 && backend === 'wasm',
  create: ({ node, inputShape, arena }) => {
    const [H, W, C] = inputShape;
    const HW = H * W;
    const acc = new Float32Array(C);
    return {
      run(io) {
        const src = node.inputs[0];
        if (arena && C % 4 === 0 && io.values.has(src)) {
          // in the arena: the SIMD kernel (same sums, same order)
          const x = io.values.arenaOffset(src);
          const y = arena.alloc(io.rows * C);
          arena.fn.gap(x, y, io.rows, HW, C * 4, HW);
          io.values.setArray(node.name, arena.view(y, io.rows * C));
          return;
        }
        const x = io.values.has(src) ? io.values.array(src) : (io.input(0).dataSync() as Float32Array);
        const y = new Float32Array(io.rows * C);
        for (let r = 0; r < io.rows; r++) {
          acc.fill(0);
          for (let p = 0, base = r * HW * C; p < HW; p++, base += C) for (let c = 0; c < C; c++) acc[c] += x[base + c];
          for (let c = 0; c < C; c++) y[r * C + c] = acc[c] / HW;
        }
        io.values.setArray(node.name, y);
      },
    };
  },
};
