import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { esmShim, exportNames, LARGE_CJS } from './cjs-hooks.js';

const core = createRequire(import.meta.url).resolve('@tensorflow/tfjs-core');

describe('cjs-hooks (the snn process loads tfjs through require)', () => {
  it("exports every name Node's own ESM import of tfjs-core gives, and the same objects", async () => {
    expect(LARGE_CJS.test(pathToFileURL(core).href)).toBe(true);
    const lexed = Object.keys(await import('@tensorflow/tfjs-core')).filter((k) => k !== 'default');
    const names = exportNames(core, 'off');
    expect(new Set(names)).toEqual(new Set(lexed));
    const shim = await import(`data:text/javascript,${encodeURIComponent(esmShim(pathToFileURL(core).href, names))}`);
    const tf = createRequire(import.meta.url)('@tensorflow/tfjs-core');
    expect(shim.default).toBe(tf);
    expect(shim.tensor).toBe(tf.tensor);
  });

  it('keeps the names in a cache file, and a torn one is read again from the module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snn-cjs-'));
    const first = exportNames(core, dir);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^cjs-exports-[0-9a-f]{40}\.json$/);
    expect(exportNames(core, dir)).toEqual(first);
    writeFileSync(join(dir, file), '["tens');
    expect(exportNames(core, dir)).toEqual(first);
  });
});
