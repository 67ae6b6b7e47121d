/** A module's exports on a memory of its own. */
export interface OwnMemory<E> {
  memory: WebAssembly.Memory;
  exports: E;
}

/**
 * A kernel module instantiated on a fresh memory of its own (imported as `env.memory`), made on the
 * first call and kept; null where it cannot be compiled (no WebAssembly SIMD), so the caller takes its
 * JS route.
 *
 * @example const scan = ownMemoryModule<{ above: … }>(() => moduleBytes([...])); scan()?.exports.above(…)
 */
export function ownMemoryModule<E>(bytes: () => Uint8Array<ArrayBuffer>, pages = 1): () => OwnMemory<E> | null {
  let made: OwnMemory<E> | null | undefined;
  return () => {
    if (made !== undefined) return made;
    try {
      const memory = new WebAssembly.Memory({ initial: pages });
      made = { memory, exports: new WebAssembly.Instance(new WebAssembly.Module(bytes()), { env: { memory } }).exports as unknown as E };
    } catch {
      made = null;
    }
    return made;
  };
}

/** Grows `memory` (64 KiB pages) until it holds at least `bytes`; views made before a growth are detached. */
export function ensureBytes(memory: WebAssembly.Memory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
}
