import { createRegistry } from '@snn/core';
import { builtinModels } from './models/index.js';
import type { NeuronModel } from './types.js';

// Filled from the explicit list in models/index.ts at module load, so no import order or bundler
// side-effect pruning can leave it empty.
const models = createRegistry<NeuronModel>(
  'neuron model',
  builtinModels.map((m) => [m.name, m]),
);

/** Adds (or replaces) a neuron model under `model.name`. */
export function registerNeuronModel(model: NeuronModel): void {
  if (!model || typeof model.name !== 'string' || model.name === '' || typeof model.charge !== 'function') {
    throw new TypeError('registerNeuronModel: a model needs a non-empty name and a charge(v, x, params) function');
  }
  models.set(model.name, model);
}

/** The model registered under `name` (`'IF'`, `'LIF'`, or one you registered); throws if unknown. */
export function getNeuronModel(name: string): NeuronModel {
  return models.get(name);
}

/** True when a model is registered under `name`. */
export function hasNeuronModel(name: string): boolean {
  return models.has(name);
}

/** Names of the registered neuron models. */
export function listNeuronModels(): string[] {
  return models.keys();
}

/** A model given by name or as an object. */
export function resolveModel(model: NeuronModel | string): NeuronModel {
  return typeof model === 'string' ? getNeuronModel(model) : model;
}
