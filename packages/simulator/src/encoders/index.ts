export type { Encoder, EncoderSpec } from './types.js';
export { constantEncoder } from './constant.js';
export { type PoissonOptions, poissonEncoder } from './poisson.js';
export { type ReplayOptions, replayEncoder } from './replay.js';
export { encoderFromSpec, registerEncoder, resolveEncoder } from './registry.js';
