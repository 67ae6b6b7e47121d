import type { BackendFactory } from '../types.js';

/**
 * TensorFlow C library through `@tensorflow/tfjs-node-gpu` (CUDA) or `@tensorflow/tfjs-node` (CPU),
 * loaded on demand. They are optional: their install downloads libtensorflow.
 */
export const tensorflowFactory: BackendFactory = {
  priority: 4,
  async load() {
    const tried: string[] = [];
    for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
      try {
        await import(/* @vite-ignore */ pkg as string);
        return pkg;
      } catch (e) {
        tried.push(`${pkg}: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    throw new Error(
      `neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node could be loaded; install one (pnpm add @tensorflow/tfjs-node-gpu@4.22.0 for CUDA) where libtensorflow can be downloaded. (${tried.join('; ')})`,
    );
  },
};
