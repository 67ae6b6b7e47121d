import type { NeuronModel } from '../types.js';
import { ifModel } from './if.js';
import { lifModel } from './lif.js';

export { ifModel } from './if.js';
export { LIF_DEFAULTS, lifModel } from './lif.js';

/** The models the registry starts with; add a model here (one file each) to ship it. */
export const builtinModels: readonly NeuronModel[] = [ifModel, lifModel];
