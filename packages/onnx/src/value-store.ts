import type { RawTensor } from './proto/types.js';
import { decodeTensor, type TensorDecodeOptions } from './tensor/decode-tensor.js';
import type { HostTensor } from './tensor/host-tensor.js';
import type { Value } from './values.js';

/**
 * The values of an import by ONNX name: those handlers define, and the initializers, each decoded
 * once on first read (with the import's size limits) and cached as a constant.
 */
export class ValueStore {
  private readonly values = new Map<string, Value>();
  private readonly initializers = new Map<string, RawTensor>();

  constructor(
    initializers: readonly RawTensor[],
    readonly options: TensorDecodeOptions,
  ) {
    for (const t of initializers) this.initializers.set(t.name, t);
  }

  /** True when a node, a graph input or an initializer defines `name`. */
  has(name: string): boolean {
    return this.values.has(name) || this.initializers.has(name);
  }

  /** The value of `name`, decoding (once) an initializer; undefined when unknown. */
  get(name: string): Value | undefined {
    const v = this.values.get(name);
    if (v) return v;
    const init = this.initializers.get(name);
    if (!init) return undefined;
    const c: Value = { kind: 'constant', tensor: this.decode(init) };
    this.values.set(name, c);
    return c;
  }

  set(name: string, value: Value): void {
    this.values.set(name, value);
  }

  /** Decodes a TensorProto with the import's limits, naming the tensor in errors. */
  decode(t: RawTensor): HostTensor {
    return decodeTensor(t, this.options);
  }
}
