import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const src = (f: string) => fileURLToPath(new URL(`./${f}`, import.meta.url));

/** Bundles an entry as a browser app would (tfjs left to the app) and lists what it pulled in. */
async function bundle(entry: string): Promise<{ inputs: string[]; errors: string[] }> {
  try {
    const r = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      conditions: ['snn-source'],
      external: ['@tensorflow/*'],
    });
    return { inputs: Object.keys(r.metafile.inputs), errors: [] };
  } catch (e) {
    return { inputs: [], errors: (e as { errors?: Array<{ text: string }> }).errors?.map((x) => x.text) ?? [String(e)] };
  }
}

describe('browser bundle of @snn/graph', () => {
  it('the default entry (graph, execution, training, save/load) bundles with no Node built-ins', async () => {
    const r = await bundle(src('index.ts'));
    expect(r.errors).toEqual([]);
    expect(r.inputs.some((i) => i.endsWith('io/load.ts'))).toBe(true);
    expect(r.inputs.filter((i) => i.startsWith('node:') || /\b(fs|path|os)\b/.test(i))).toEqual([]);
  });

  it('the node entry does use Node built-ins (so the check above can fail)', async () => {
    const r = await bundle(src('node.ts'));
    expect(r.errors.join('\n')).toMatch(/node:fs/);
  });
});
