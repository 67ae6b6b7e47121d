import type { LayerDef } from './layer.js';

const layers = new Map<string, LayerDef>();

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

/** The layer registered for `op`; throws an error listing the known ops if there is none. */
export function getLayer(op: string): LayerDef {
  const def = layers.get(op);
  if (!def) throw new Error(`unknown op '${op}' (registered: ${listLayers().join(', ')})`);
  return def;
}

/** True when a layer is registered for `op`. */
export function hasLayer(op: string): boolean {
  return layers.has(op);
}

/** The registered op names, sorted. */
export function listLayers(): string[] {
  return [...layers.keys()].sort();
}
