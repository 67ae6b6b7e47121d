// The built `snn` command, spawned as users run it (`pnpm --silent snn ...` runs `node packages/cli/dist/bin.js`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, inputFile, maxAbs, referenceFixtures } from './helpers.js';

const bin = join(import.meta.dirname, '..', 'dist', 'bin.js');
const snn = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('dist/bin.js', () => {
  it('is built (pnpm --filter @snn/cli build) and starts with a node shebang', () => {
    expect(existsSync(bin)).toBe(true);
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  // Every fixture on the default backend (wasm) through the real process; src/main.test.ts runs
  // every fixture on wasm and cpu through runCli, the same code without the process start.
  it.each(referenceFixtures())('snn infer %s matches PyTorch within 1e-4', (name) => {
    const { path, logits, k, n } = inputFile(name, 16);
    const r = snn('infer', fixture(`${name}.onnx`), '--input', path);
    expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({ status: 0, signal: null, stderr: '' });
    const out = JSON.parse(r.stdout);
    expect(out.shape).toEqual([n, k]);
    expect(maxAbs(out.data, logits)).toBeLessThan(1e-4);
  });

  it("snn ops lists the importer's ops, one per line", () => {
    const r = snn('ops');
    expect(r.status).toBe(0);
    const ops = r.stdout.split('\n').map((l) => l.split(' ')[0]);
    expect(ops).toEqual(expect.arrayContaining(['Conv', 'Gemm', 'Relu', 'MaxPool', 'BatchNormalization']));
    expect(ops).not.toContain('Gelu');
  });

  it('snn summary prints a table', () => {
    const r = snn('summary', fixture('mlp_mnist.onnx'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\/net\/net\.1\/Gemm +Linear +\[N, 256\] +200,960$/m);
  });

  it('a user error exits 2 with one line on stderr and no stack', () => {
    const r = snn('infer', fixture('mlp_mnist.onnx'), '--input', '/no/such/in.json');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('snn: /no/such/in.json: no such file\n');
  });

  it('a model with an unsupported op, or not a model at all, is a user error saying so', () => {
    // Same-length renaming keeps the protobuf valid: every Relu becomes a Gelu.
    const bytes = Buffer.from(readFileSync(fixture('mnist_cnn_mnist.onnx')).toString('latin1').replaceAll('Relu', 'Gelu'), 'latin1');
    const path = join(mkdtempSync(join(tmpdir(), 'snn-cli-')), 'gelu.onnx');
    writeFileSync(path, bytes);
    const r = snn('summary', path);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `snn: unsupported ONNX op at opset 13: Gelu (nodes /network/network.2/Gelu, /network/network.6/Gelu, /network/network.10/Gelu, …) [file ${path}]; supported ops: \`snn ops\`, or the table in @snn/onnx's README\n`,
    );
    const notModel = snn('summary', join(import.meta.dirname, '..', 'package.json'));
    expect(notModel.status).toBe(2);
    expect(notModel.stderr.split('\n')).toHaveLength(2);
    expect(notModel.stderr).toMatch(/^snn: not a readable ONNX model/);
  });

  // `pnpm -s snn` in the issue; this pnpm (12.4.2) spells the flag only as --silent.
  it('runs from the repository root as `pnpm --silent snn`', () => {
    const root = join(import.meta.dirname, '..', '..', '..');
    const r = spawnSync('pnpm', ['--silent', 'snn', 'summary', fixture('mnist_cnn_mnist.onnx')], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/15 nodes, 19,530 parameters/);
  });
});
