import { describe, expect, it } from 'vitest';
import { body, I32, moduleBytes } from './encode.js';
import { op } from './opcodes.js';
import { ensureBytes, ownMemoryModule } from './own-memory.js';

describe('ownMemoryModule and ensureBytes', () => {
  it('instantiates a module once, on a memory of its own, and answers null for bytes that do not compile', () => {
    // store(p, v): memory[p] = v (i32)
    const bytes = () => moduleBytes([['store', [I32, I32], body([], [...op.localGet(0), ...op.localGet(1), ...op.i32Store()])]]);
    const get = ownMemoryModule<{ store(p: number, v: number): void }>(bytes, 2);
    const m = get();
    expect(m).not.toBeNull();
    expect(get()).toBe(m); // made once
    expect(m?.memory.buffer.byteLength).toBe(2 * 65536);
    m?.exports.store(64, 1234);
    expect(new Int32Array(m?.memory.buffer as ArrayBuffer, 64, 1)[0]).toBe(1234);
    expect(ownMemoryModule(() => new Uint8Array([0, 1, 2]))()).toBeNull();
  });

  it('grows a memory by whole pages to at least the bytes asked, and never shrinks or grows one that holds them', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    ensureBytes(memory, 100);
    expect(memory.buffer.byteLength).toBe(65536);
    ensureBytes(memory, 65537);
    expect(memory.buffer.byteLength).toBe(2 * 65536);
    ensureBytes(memory, 5 * 65536);
    expect(memory.buffer.byteLength).toBe(5 * 65536);
    ensureBytes(memory, 10);
    expect(memory.buffer.byteLength).toBe(5 * 65536);
  });
});
