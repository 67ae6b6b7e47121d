import { createRegistry } from '@snn/core';
import { hasNeuronModel, listNeuronModels } from '@snn/neuron';
import type { LayerDef } from './layer.js';
import { spikingLayer } from './layers/spiking.js';

const layers = createRegistry<LayerDef>('op');

/** The layer of an op: a registered one, else the spiking layer of a neuron model registered with @snn/neuron (made once). */
function lookup(op: string): LayerDef | undefined {
  let def = layers.find(op);
  if (!def && hasNeuronModel(op)) {
    def = spikingLayer(op);
    layers.set(op, def);
  }
  return def;
}

/**
 * Registers a layer under its op name (a later registration replaces an earlier one, so users can
 * override a built-in). The built-ins are registered by `layers/index.ts` on import.
 *
 * @example
 * registerLayer({ op: 'Square', inferShape: ({ inputShapes }) => [...inputShapes[0]], forward: ({ inputs }) => tf.square(inputs[0]) });
 */
export function registerLayer(def: LayerDef): void {
  if (!def || typeof def.op !== 'string' || !def.op) throw new TypeError('registerLayer: a layer needs a non-empty op name');
  if (typeof def.inferShape !== 'function' || typeof def.forward !== 'function') {
    throw new TypeError(`registerLayer('${def.op}'): inferShape and forward must be functions`);
  }
  layers.set(def.op, def);
}

/**
 * The layer registered for `op` (a neuron model registered with `registerNeuronModel` is a spiking
 * layer of that name, with no registration here); throws an error listing the known ops if there is none.
 */
export function getLayer(op: string): LayerDef {
  return lookup(op) ?? layers.get(op);
}

/** True when a layer is registered for `op`. */
export function hasLayer(op: string): boolean {
  return lookup(op) !== undefined;
}

/** The registered op names, sorted. */
export function listLayers(): string[] {
  return [...new Set([...layers.keys(), ...listNeuronModels()])].sort();
}
