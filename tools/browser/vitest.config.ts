import { defineConfig } from 'vitest/config';

// The real-browser tests (`pnpm test:browser`, through run.mjs). Kept out of tools' own `pnpm test`.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.browser.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
