// Every @snn package installs alone from its packed tarball (with the @snn tarballs it depends on
// and only the registry packages named here) into an empty project, imports and does one small
// real thing there; the browser-safe ones also bundle for the browser (esbuild, platform browser)
// from that install with no Node built-in.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { browserBundle } from '../browser-bundle.mjs';
// @ts-expect-error plain ESM helper without types
import { installAlone } from '../pack-install.mjs';

const TF = '4.22.0';
const CORE = { '@tensorflow/tfjs-core': TF };
const WASM = { ...CORE, '@tensorflow/tfjs-backend-wasm': TF };
const root = join(import.meta.dirname, '..', '..');
const FIXTURE = join(root, 'packages', 'onnx', 'test', 'fixtures', 'mnist_cnn_mnist.onnx');

/** Packages that promise a browser entry with no Node built-ins. */
const BROWSER_SAFE = new Set(['core', 'backend', 'neuron', 'graph', 'converter', 'simulator', 'viz', 'datasets']);

interface Case {
  name: string;
  deps: Record<string, string>;
  /** ESM run in the consumer project; its last stdout line is JSON. */
  snippet: string;
  expected: unknown;
  /** The @tensorflow packages the install must hold, sorted (undefined: not checked). */
  tensorflow?: string[];
  /** Optional peers installed for the main check; a second check imports without them. */
  optionalPeers?: Record<string, string>;
}

const RESVG = { '@resvg/resvg-js': '2.6.2' };

const lines = (...l: string[]) => `${l.join('\n')}\n`;
/** A two-input ReLU layer: y = ReLU(x·W + b) with W = [[1, −1], [2, 1]], b = [0, 0.5]. */
const reluGraph = [
  'const b = new GraphBuilder();',
  "const x = b.input('x', [2]);",
  "const h = b.add({ name: 'fc', op: 'Linear', inputs: [x], params: { weight: tf.tensor2d([[1, -1], [2, 1]]), bias: tf.tensor1d([0, 0.5]) } });",
  "const r = b.add({ name: 'relu', op: 'ReLU', inputs: [h] });",
];

const CASES: Case[] = [
  {
    name: 'backend',
    deps: WASM,
    snippet: lines(
      "import { initBackend } from '@snn/backend';",
      'const r = await initBackend();',
      'console.log(JSON.stringify({ backend: r.backend, first: r.attempts[0].name }));',
    ),
    expected: { backend: 'wasm', first: 'tensorflow' },
    tensorflow: ['tfjs-backend-wasm', 'tfjs-core'],
  },
  {
    name: 'neuron',
    deps: WASM,
    // its README example, verbatim
    snippet: /```js\n([\s\S]*?)```/.exec(readFileSync(join(root, 'packages', 'neuron', 'README.md'), 'utf8'))?.[1] ?? 'missing README example',
    expected: [0, 0.25, 0.75, 1],
    tensorflow: ['tfjs-backend-wasm', 'tfjs-core'],
  },
  {
    name: 'graph',
    deps: WASM,
    snippet: lines(
      "import '@tensorflow/tfjs-backend-wasm';",
      "import * as tf from '@tensorflow/tfjs-core';",
      "import { GraphBuilder, execute } from '@snn/graph';",
      "await tf.setBackend('wasm');",
      ...reluGraph,
      'const g = b.output(r).build();',
      'const { outputs: [y] } = execute(g, tf.tensor2d([[1, 1], [-1, 0]]));',
      'console.log(JSON.stringify({ y: Array.from(await y.data()), shape: g.shapeOf(r) }));',
    ),
    expected: { y: [3, 0.5, 0, 1.5], shape: [2] },
    tensorflow: ['tfjs-backend-wasm', 'tfjs-core'],
  },
  {
    name: 'onnx',
    deps: WASM,
    snippet: lines(
      "import '@tensorflow/tfjs-backend-wasm';",
      "import * as tf from '@tensorflow/tfjs-core';",
      "import { importOnnx, summaryRows } from '@snn/onnx';",
      "await tf.setBackend('wasm');",
      `const graph = importOnnx(${JSON.stringify(FIXTURE)});`,
      'const rows = summaryRows(graph);',
      "const conv = graph.node('/network/network.0/Conv');",
      'console.log(JSON.stringify({ nodes: graph.nodes.length, params: rows.reduce((a, r) => a + r.params, 0), conv: conv.params.weight.shape, output: graph.shapeOf(graph.outputs[0]) }));',
    ),
    expected: { nodes: 15, params: 19530, conv: [3, 3, 1, 32], output: [10] },
    tensorflow: ['tfjs-backend-wasm', 'tfjs-core'],
  },
  {
    name: 'converter',
    deps: WASM,
    snippet: lines(
      "import '@tensorflow/tfjs-backend-wasm';",
      "import * as tf from '@tensorflow/tfjs-core';",
      "import { GraphBuilder } from '@snn/graph';",
      "import { convert, parseMode } from '@snn/converter';",
      "await tf.setBackend('wasm');",
      ...reluGraph,
      "const o = b.add({ name: 'out', op: 'Linear', inputs: [r], params: { weight: tf.tensor2d([[1], [1]]) } });",
      'const g = b.output(o).build();',
      "const { snn, report } = await convert(g, [tf.tensor2d([[1, 1], [-1, 0]])], parseMode('max'));",
      'console.log(JSON.stringify({ ops: snn.nodes.map((n) => n.op), threshold: report.layers[0].threshold }));',
    ),
    expected: { ops: ['Linear', 'IF', 'Linear'], threshold: 3 },
    tensorflow: ['tfjs-backend-wasm', 'tfjs-core'],
  },
  {
    name: 'simulator',
    deps: WASM,
    snippet: lines(
      "import '@tensorflow/tfjs-backend-wasm';",
      "import * as tf from '@tensorflow/tfjs-core';",
      "import { GraphBuilder } from '@snn/graph';",
      "import { simulate, simulateReference } from '@snn/simulator';",
      "await tf.setBackend('wasm');",
      // an SNN by hand, IF θ = 1: image 0 (label 1) drives class 1 at 0.5, class 0 at 0.25; image 1 the reverse.
      // t = 1: no spike, argmax picks class 0 → image 1 right only; from t = 2 the 0.5 input leads.
      'const b = new GraphBuilder();',
      "const x = b.input('x', [2]);",
      "const s = b.add({ name: 'if', op: 'IF', inputs: [x], attrs: { neuron: { vThreshold: 1, vReset: null } } });",
      'const g = b.output(s).build();',
      'const images = new Float32Array([0.25, 0.5, 0.5, 0.25]);',
      'const ref = await simulateReference(g, [{ x: tf.tensor2d(images, [2, 2]), y: [1, 0] }], { T: 4 });',
      'const fast = await simulate(g, { images, labels: [1, 0], n: 2, shape: [2] }, { T: 4, workers: 1 });',
      'console.log(JSON.stringify({ ref: ref.accuracy, fast: fast.accuracy }));',
    ),
    expected: { ref: [0.5, 1, 1, 1], fast: [0.5, 1, 1, 1] },
    tensorflow: ['tfjs-backend-wasm', 'tfjs-core'],
  },
  {
    name: 'core',
    deps: {},
    snippet: lines(
      "import { createRegistry, createRng, InputError } from '@snn/core';",
      'const rand = createRng(42);',
      "const r = createRegistry('thing');",
      "console.log(JSON.stringify({ first: rand(), error: new InputError('x') instanceof Error, registry: typeof r === 'object' }));",
    ),
    expected: { first: 0.6011037519201636, error: true, registry: true },
  },
  {
    name: 'viz',
    deps: {},
    snippet: lines(
      "import { lineChart } from '@snn/viz';",
      "const svg = await lineChart({ series: [{ name: 'rate', x: [0, 1, 2], y: [0, 0.5, 1] }], title: 'IF rate', xLabel: 'x', yLabel: 'rate' });",
      "console.log(JSON.stringify({ svg: svg.startsWith('<svg'), title: svg.includes('IF rate') }));",
    ),
    expected: { svg: true, title: true },
    optionalPeers: RESVG,
  },
  {
    name: 'datasets',
    deps: CORE,
    snippet: lines(
      "import { decodeDigitSet, encodeDigitSet, loadEmbeddedMnist } from '@snn/datasets';",
      'const { train, test } = await loadEmbeddedMnist();',
      'const set = { digits: [train.images.slice(0, 784)], rows: 28, cols: 28 };',
      'const back = decodeDigitSet(encodeDigitSet(set));',
      'console.log(JSON.stringify({ train: train.n, test: test.n, roundTrip: back.digits[0].every((v, i) => v === set.digits[0][i]) }));',
    ),
    expected: { train: 7996, test: 2004, roundTrip: true },
    tensorflow: ['tfjs-core'],
  },
  {
    name: 'cli',
    deps: {},
    snippet: lines(
      "import { runCli } from '@snn/cli';",
      "let out = '';",
      `const code = await runCli(['summary', ${JSON.stringify(FIXTURE)}], { stdout: (t) => { out += t; }, stderr: (t) => { out += t; } });`,
      "console.log(JSON.stringify({ code, conv: out.includes('Conv2d'), params: out.includes('19,530') || out.includes('19530') }));",
    ),
    expected: { code: 0, conv: true, params: true },
    optionalPeers: RESVG,
  },
];

/** The package and every @snn package it depends on (its `dependencies`, transitively), sorted. */
function snnClosure(name: string, seen = new Set<string>()): string[] {
  if (seen.has(name)) return [...seen].sort();
  seen.add(name);
  const pkg = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
  for (const d of Object.keys(pkg.dependencies ?? {})) if (d.startsWith('@snn/')) snnClosure(d.slice(5), seen);
  return [...seen].sort();
}

/** Why a package cannot be packed yet (no build script or no dist), or undefined. */
function notReady(name: string): string | undefined {
  const dir = join(root, 'packages', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!pkg.scripts?.build) return `@snn/${name} has no build script yet`;
  if (!existsSync(join(dir, 'dist'))) return `@snn/${name} is not built (run pnpm build)`;
  return undefined;
}

describe('every @snn package installs alone from its tarball and imports', () => {
  it('covers every package under packages/', () => {
    expect(CASES.map((c) => c.name).sort()).toEqual(readdirSync(join(root, 'packages')).sort());
  });

  for (const c of CASES) {
    const also = BROWSER_SAFE.has(c.name) ? ', and bundles for the browser with no Node built-ins' : '';
    it(`@snn/${c.name}${Object.keys(c.deps).length ? ` with only ${Object.keys(c.deps).join(', ')}` : ''}${also}`, async (ctx) => {
      const why = notReady(c.name);
      if (why) ctx.skip(`skipped: ${why}`);
      const { dir, stdout } = installAlone(c.name, { ...c.deps, ...c.optionalPeers }, c.snippet);
      expect(JSON.parse(stdout.trim().split('\n').pop() as string)).toEqual(c.expected);
      // nothing but the package and its own @snn dependencies came along
      expect(readdirSync(join(dir, 'node_modules', '@snn')).sort()).toEqual(snnClosure(c.name));
      if (c.tensorflow) expect(readdirSync(join(dir, 'node_modules', '@tensorflow')).sort()).toEqual(c.tensorflow);
      if (BROWSER_SAFE.has(c.name)) {
        const r = await browserBundle(`@snn/${c.name}`, { cwd: dir });
        expect(r.errors).toEqual([]);
        expect(r.builtins).toEqual([]);
        // the bundle holds the package's own dist from the tarball, not the workspace sources
        expect(r.inputs.some((i: string) => i.includes(`@snn/${c.name}/dist/`) || i.includes(`@snn+${c.name}@`))).toBe(true);
      }
    });
  }

  for (const c of CASES.filter((k) => k.optionalPeers)) {
    it(`@snn/${c.name} imports in Node without its optional peers (${Object.keys(c.optionalPeers ?? {}).join(', ')})`, (ctx) => {
      const why = notReady(c.name);
      if (why) ctx.skip(`skipped: ${why}`);
      const { stdout } = installAlone(c.name, c.deps, `import * as m from '@snn/${c.name}';\nconsole.log(JSON.stringify(Object.keys(m).length > 0));\n`);
      expect(stdout.trim().split('\n').pop()).toBe('true');
    });
  }

  it('the browser check does catch Node built-ins (the cli uses node:fs)', async () => {
    const r = await browserBundle('@snn/cli', { cwd: join(root, 'tools') });
    expect(r.builtins.map((b: { module: string }) => b.module)).toContain('fs');
  });
});
