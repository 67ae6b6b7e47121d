/** Units registered by name (a later registration replaces an earlier one). */
export interface Registry<T> {
  /** Adds or replaces the unit under `key`. */
  set(key: string, unit: T): void;
  /** The unit under `key`; throws `unknown <what> '<key>' (registered: …)` when there is none. */
  get(key: string): T;
  /** The unit under `key`, or undefined. */
  find(key: string): T | undefined;
  /** True when a unit is registered under `key`. */
  has(key: string): boolean;
  /** Removes the unit under `key`, if any. */
  delete(key: string): void;
  /** Keys in registration order. */
  keys(): string[];
  /** Units in registration order. */
  values(): T[];
}

/**
 * A registry of named units — what each package fills from an explicit list in an `index.ts`
 * (neuron models, layers, ONNX ops, normalisations, encoders, monitors, commands), as
 * onnxruntime-web's op-resolve rules do.
 *
 * @example
 * const models = createRegistry<NeuronModel>('neuron model', builtinModels.map((m) => [m.name, m]));
 * models.get('IF');
 */
export function createRegistry<T>(what: string, initial: Iterable<readonly [string, T]> = []): Registry<T> {
  const units = new Map<string, T>(initial);
  return {
    set: (key, unit) => {
      units.set(key, unit);
    },
    get(key) {
      const u = units.get(key);
      if (u === undefined) throw new RangeError(`unknown ${what} '${key}' (registered: ${[...units.keys()].sort().join(', ')})`);
      return u;
    },
    find: (key) => units.get(key),
    has: (key) => units.has(key),
    delete: (key) => {
      units.delete(key);
    },
    keys: () => [...units.keys()],
    values: () => [...units.values()],
  };
}
