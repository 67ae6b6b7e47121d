import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleForBrowser } from '../../../tools/browser-bundle.mjs';
import { useBackend } from '../test/helpers/run.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Bundles an entry from source as a browser app would (tfjs left to the app). */
const bundle = (entry: string) => bundleForBrowser(here(entry), { conditions: ['snn-source'] });

describe('browser bundle of @snn/onnx', () => {
  it('bundles with protobufjs and no Node built-ins, and imports model bytes when run', async () => {
    const r = await bundle('./index.ts');
    expect(r.errors).toEqual([]);
    // (protobufjs' own util/fs.js shim is fine: it looks fs up lazily at run time and does without it.)
    expect(r.builtins.filter((b: { importer: string }) => !b.importer.includes('protobufjs'))).toEqual([]);
    expect(r.inputs.some((i: string) => i.includes('protobufjs'))).toBe(true);
    // Run the bundle itself (tfjs resolved from this package), the way a page would use it.
    // Inside node_modules: tfjs resolves from there, and linters and git leave it alone.
    mkdirSync(here('../node_modules/.snn-tmp'), { recursive: true });
    const file = here('../node_modules/.snn-tmp/browser-bundle.mjs');
    writeFileSync(file, r.code);
    await useBackend('wasm');
    const mod = await import(/* @vite-ignore */ pathToFileURL(file).href);
    const bytes = new Uint8Array(readFileSync(here('../test/fixtures/mnist_cnn_mnist.onnx')));
    const graph = mod.importOnnx(bytes);
    expect(graph.nodes).toHaveLength(15);
    expect(() => mod.importOnnx('model.onnx')).toThrow(/a path \('model.onnx'\) can be imported only in Node/);
    graph.dispose();
  });

  it('the node entry does use Node built-ins (so the check above can fail)', async () => {
    const r = await bundle('./node.ts');
    expect(r.builtins.map((b: { module: string }) => b.module)).toContain('fs');
  });
});
