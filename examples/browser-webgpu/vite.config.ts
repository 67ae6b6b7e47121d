import { defineConfig } from 'vite';

// Cross-origin isolation lets tfjs-backend-wasm use threads (SharedArrayBuffer); tools/browser/serve.mjs
// sends the same headers when serving dist/.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, minify: false },
  // the worker (src/worker.ts) is an ES module worker, so it may share chunks with the page
  worker: { format: 'es' },
  server: { headers: isolation },
  preview: { headers: isolation },
});
