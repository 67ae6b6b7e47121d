import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const dist = (f: string) => fileURLToPath(new URL(`../dist/${f}`, import.meta.url));

/** Bundles an entry as a browser app would (tfjs left to the app) and lists what it pulled in. */
async function bundleInputs(entry: string): Promise<{ ok: boolean; inputs: string[]; errors: string[] }> {
  try {
    const r = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      external: ['@tensorflow/*'],
    });
    return { ok: true, inputs: Object.keys(r.metafile.inputs), errors: [] };
  } catch (e) {
    return { ok: false, inputs: [], errors: (e as { errors?: Array<{ text: string }> }).errors?.map((x) => x.text) ?? [String(e)] };
  }
}

describe('browser bundle of @snn/datasets', () => {
  it('the default entry bundles for the browser with no Node built-ins and no embedded JSON', async () => {
    const r = await bundleInputs(dist('index.js'));
    expect(r.errors).toEqual([]);
    expect(r.inputs.filter((i) => i.startsWith('node:') || /\b(fs|path|os|zlib|module)\b/.test(i) || /mnist\/src/.test(i))).toEqual([]);
  });

  it('the node entry does use Node built-ins (so the check above can fail)', async () => {
    const r = await bundleInputs(dist('node.js'));
    expect(r.ok).toBe(false);
    expect(r.errors.join('\n')).toMatch(/"(node:)?(fs\/promises|zlib|module|path|util)"/);
  });
});
