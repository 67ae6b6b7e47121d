import { defineConfig } from 'tsup';

export default defineConfig({
  // worker.js must sit beside the Node entry's chunks: pool.ts finds it as new URL('./worker.js', import.meta.url).
  entry: { index: 'src/index.ts', node: 'src/node.ts', worker: 'src/workers/worker.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
});
