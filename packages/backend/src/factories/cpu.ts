import type { BackendFactory } from '../types.js';

/** The plain-JS reference backend: always available, slow. */
export const cpuFactory: BackendFactory = {
  priority: 1,
  async load() {
    await import('@tensorflow/tfjs-backend-cpu');
  },
};
