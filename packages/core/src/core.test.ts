import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRegistry, createRng, fileErrorText, InputError } from './index.js';

describe('createRng (mulberry32)', () => {
  it('gives the published sequence for seed 42 and is reproducible', () => {
    // the first value of mulberry32(42), as an independent Python implementation computes it
    expect(createRng(42)()).toBe(0.6011037519201636);
    const a = createRng(7);
    const b = createRng(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / 1000).toBeCloseTo(0.5, 1);
  });
});

describe('createRegistry', () => {
  it('sets, replaces, finds and names the known keys when one is missing', () => {
    const r = createRegistry<number>('widget', [['b', 2]]);
    r.set('a', 1);
    r.set('b', 3);
    expect(r.get('b')).toBe(3);
    expect(r.find('c')).toBeUndefined();
    expect(r.keys()).toEqual(['b', 'a']);
    expect(() => r.get('c')).toThrow("unknown widget 'c' (registered: a, b)");
    r.delete('a');
    expect(r.has('a')).toBe(false);
  });
});

describe('InputError', () => {
  it('reads "param: message" and keeps the param', () => {
    const e = new InputError('T', 'must be a positive integer');
    expect(e.message).toBe('T: must be a positive integer');
    expect(e.param).toBe('T');
    expect(e).toBeInstanceOf(Error);
  });
});

describe('fileErrorText', () => {
  /** The text for what readFileSync(path) really throws here. */
  const textFor = (path: string) => {
    try {
      readFileSync(path);
    } catch (e) {
      return fileErrorText(e);
    }
    throw new Error(`${path} was readable`);
  };

  it('names real file-system failures in words', () => {
    expect(textFor(join(tmpdir(), 'snn-no-such-file.onnx'))).toBe('no such file');
    expect(textFor(tmpdir())).toBe('a folder, not a file');
    expect(textFor(join(import.meta.filename, 'inside-a-file'))).toBe('no such file (a part of the path is not a folder)');
  });

  it('keeps an unknown code or a plain error readable', () => {
    expect(fileErrorText(Object.assign(new Error('i/o'), { code: 'EIO' }))).toBe('cannot read it (EIO)');
    expect(fileErrorText(new Error('boom'))).toBe('cannot read it (boom)');
    expect(fileErrorText('boom')).toBe('cannot read it (boom)');
  });
});
