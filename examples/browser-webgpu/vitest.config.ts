import { defineConfig } from 'vitest/config';

// Node-side tests of the app's pipeline (wasm). The real-browser tests are tools/browser (pnpm test:browser).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
