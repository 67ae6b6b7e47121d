import { callLayer } from '../layer-call.js';
import type { LayerKernel } from './types.js';

/**
 * Add (a residual join) over plain float32 arrays: y = (x₀ + x₁) + …, left to right, each sum
 * rounded to float32 as `tf.add` does (a float32 sum rounded once from double is the float32 sum),
 * so the values are the layer's bit for bit. Keeps spike maps out of tensors between the sparse
 * convolutions and the neurons reading them; inputs of different sizes (broadcasting) run the layer.
 * On the CPU backends only (wasm, cpu), whose tensors read back synchronously. With the kernel
 * arena the sums run in WebAssembly SIMD (`add`), else in JS.
 */
export const addKernel: LayerKernel = {
  kind: 'layer',
  op: 'Add',
  name: 'js-add',
  priority: 10,
  fits: (l, backend) => l.node.inputs.length >= 2 && (backend === 'wasm' || backend === 'cpu'),
  create: ({ node, arena }) => ({
    run(io) {
      const { values } = io;
      const n = values.size(node.name);
      if (arena && n % 4 === 0 && node.inputs.every((name) => values.has(name) && values.size(name) === n)) {
        // in the arena: SIMD sums, left to right (inputs made elsewhere are copied in once)
        const offs = node.inputs.map((name) => values.arenaOffset(name));
        const y = arena.alloc(n);
        arena.fn.add(offs[0], offs[1], y, n * 4);
        for (const off of offs.slice(2)) arena.fn.add(y, off, y, n * 4);
        values.setArray(node.name, arena.view(y, n));
        return;
      }
      const xs = node.inputs.map((name, k) => (io.values.has(name) ? io.values.array(name) : (io.input(k).dataSync() as Float32Array)));
      if (xs.some((x) => x.length !== xs[0].length)) {
        io.values.setTensor(
          node.name,
          callLayer(
            node,
            node.inputs.map((_, k) => io.input(k)),
          ),
        );
        return;
      }
      const y = Float32Array.from(xs[0]);
      for (const x of xs.slice(1)) for (let i = 0; i < y.length; i++) y[i] += x[i];
      io.values.setArray(node.name, y);
    },
  }),
};
