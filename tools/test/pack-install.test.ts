import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { installAlone } from '../pack-install.mjs';

const TF = '4.22.0';

describe('packages install alone from their tarballs', () => {
  it('@snn/backend with only tfjs-core and tfjs-backend-wasm: initBackend() gives wasm', () => {
    const { dir, stdout } = installAlone(
      'backend',
      { '@tensorflow/tfjs-core': TF, '@tensorflow/tfjs-backend-wasm': TF },
      "import { initBackend } from '@snn/backend';\nconst r = await initBackend();\nconsole.log(JSON.stringify(r));\n",
    );
    const report = JSON.parse(stdout.trim().split('\n').pop() as string);
    expect(report.backend).toBe('wasm');
    expect(report.attempts[0].name).toBe('tensorflow');
    // nothing but what was asked for: no cpu backend, no other @snn package
    const installed = readdirSync(join(dir, 'node_modules', '@tensorflow'));
    expect(installed.sort()).toEqual(['tfjs-backend-wasm', 'tfjs-core']);
  });
});

describe('@snn/neuron installs alone from its tarball', () => {
  it('runs its README example with only tfjs-core and tfjs-backend-wasm: rates [0, 0.25, 0.75, 1]', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'packages', 'neuron', 'README.md'), 'utf8');
    const snippet = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(snippet).toContain("from '@snn/neuron'");
    const { dir, stdout } = installAlone('neuron', { '@tensorflow/tfjs-core': TF, '@tensorflow/tfjs-backend-wasm': TF }, snippet);
    expect(JSON.parse(stdout.trim().split('\n').pop() as string)).toEqual([0, 0.25, 0.75, 1]);
    expect(readdirSync(join(dir, 'node_modules', '@snn'))).toEqual(['neuron']);
    expect(readdirSync(join(dir, 'node_modules', '@tensorflow')).sort()).toEqual(['tfjs-backend-wasm', 'tfjs-core']);
  });
});

describe('@snn/onnx installs alone from its tarball', () => {
  it('imports the tutorial CNN fixture with only tfjs-core and tfjs-backend-wasm', () => {
    const model = join(import.meta.dirname, '..', '..', 'packages', 'onnx', 'test', 'fixtures', 'mnist_cnn_mnist.onnx');
    const snippet = [
      "import '@tensorflow/tfjs-backend-wasm';",
      "import * as tf from '@tensorflow/tfjs-core';",
      "import { importOnnx, summaryRows } from '@snn/onnx';",
      "await tf.setBackend('wasm');",
      `const graph = importOnnx(${JSON.stringify(model)});`,
      'const rows = summaryRows(graph);',
      "const conv = graph.node('/network/network.0/Conv');",
      'console.log(JSON.stringify({ backend: tf.getBackend(), nodes: graph.nodes.length, params: rows.reduce((a, r) => a + r.params, 0), conv: conv.params.weight.shape, output: graph.shapeOf(graph.outputs[0]) }));',
    ].join('\n');
    const { dir, stdout } = installAlone('onnx', { '@tensorflow/tfjs-core': TF, '@tensorflow/tfjs-backend-wasm': TF }, snippet);
    expect(JSON.parse(stdout.trim().split('\n').pop() as string)).toEqual({ backend: 'wasm', nodes: 15, params: 19530, conv: [3, 3, 1, 32], output: [10] });
    // installAlone makes the @snn packages onnx depends on direct dependencies too (as tarballs)
    expect(readdirSync(join(dir, 'node_modules', '@snn')).sort()).toEqual(['graph', 'neuron', 'onnx']);
    expect(readdirSync(join(dir, 'node_modules', '@tensorflow')).sort()).toEqual(['tfjs-backend-wasm', 'tfjs-core']);
  });
});
