import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // tfjs-core's gradient registrations are ESM with extensionless imports: bundle them.
  noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
});
