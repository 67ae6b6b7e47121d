import { defineConfig } from 'tsup';

export default defineConfig({
  // worker.js must sit beside the Node entry's chunks: pool.ts finds it as new URL('./worker.js', import.meta.url);
  // it loads cjs-hooks.js (the module hooks, also `@snn/simulator/cjs-hooks`) and worker-main.js (its body) beside it.
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    worker: 'src/workers/worker.ts',
    'worker-main': 'src/workers/worker-main.ts',
    'cjs-hooks': 'src/workers/cjs-hooks.ts',
  },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts', 'cjs-hooks': 'src/workers/cjs-hooks.ts' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
