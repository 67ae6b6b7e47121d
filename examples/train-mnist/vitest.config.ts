import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['snn-source'] },
  ssr: { resolve: { conditions: ['snn-source'] } },
  test: { include: ['src/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 60_000 },
});
