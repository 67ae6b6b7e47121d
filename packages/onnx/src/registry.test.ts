import { describe, expect, it } from 'vitest';
import { builtinOpHandlers } from './ops/index.js';
import { listOpHandlers, supportedOps } from './index.js';

describe('supportedOps', () => {
  it('lists every built-in handler once, sorted, each with a one-line note', () => {
    const ops = supportedOps();
    expect(ops.map((o) => o.op)).toEqual(listOpHandlers());
    expect(ops.map((o) => o.op)).toEqual(builtinOpHandlers.map((h) => h.opType).sort());
    for (const o of ops) {
      expect(o.note.length, o.op).toBeGreaterThan(5);
      expect(o.note, o.op).not.toMatch(/\n/);
    }
    expect(ops.find((o) => o.op === 'MaxPool')?.note).toMatch(/ceil_mode/);
  });
});
