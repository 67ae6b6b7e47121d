import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capture, fixture, inputFile, maxAbs, referenceFixtures } from '../test/helpers.js';
import { type Command, registerCommand, runCli, UserError } from './index.js';

describe('snn (runCli)', () => {
  it('summary prints the imported graph', async () => {
    const io = capture();
    expect(await runCli(['summary', fixture('mnist_cnn_mnist.onnx')], io)).toBe(0);
    expect(io.out).toMatch(/^node +op +output \(NHWC\) +params$/m);
    expect(io.out).toMatch(/^\/network\/network\.0\/Conv +Conv2d +\[N, 26, 26, 32\] +320$/m);
    expect(io.out).toMatch(/15 nodes, 19,530 parameters; outputs: \/network\/network\.14\/Relu/);
  });

  it.each(['wasm', 'cpu'])('infer matches PyTorch within 1e-4 on %s (stdout and --output)', async (backend) => {
    const { path, dir, logits, k } = inputFile('mnist_cnn_mnist');
    const io = capture();
    expect(await runCli(['infer', fixture('mnist_cnn_mnist.onnx'), '--input', path, '--backend', backend, '--verbose'], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(out.shape).toEqual([8, k]);
    expect(maxAbs(out.data, logits)).toBeLessThan(1e-4);
    expect(io.err).toMatch(new RegExp(`^backend: ${backend}`, 'm'));
    const file = join(dir, 'out.json');
    expect(await runCli(['infer', fixture('mnist_cnn_mnist.onnx'), '-i', path, '-o', file, '--backend', backend], capture())).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(out);
  });

  it.each(
    referenceFixtures().flatMap((name) => ['wasm', 'cpu'].map((backend) => [name, backend])),
  )('snn infer %s --backend %s matches PyTorch within 1e-4', async (name, backend) => {
    const { path, logits, k, n } = inputFile(name, 16);
    const io = capture();
    expect(await runCli(['infer', fixture(`${name}.onnx`), '--input', path, '--backend', backend], io)).toBe(0);
    const out = JSON.parse(io.out);
    expect(out.shape).toEqual([n, k]);
    expect(maxAbs(out.data, logits)).toBeLessThan(1e-4);
  });

  it('infer takes [N, F] input for a model whose input is a vector', async () => {
    const { path } = inputFile('mlp_mnist', 2);
    const io = capture();
    // mlp_mnist's input is [N, 1, 28, 28]: a flat [N, 784] does not fit, and the message says what does.
    const flat = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ shape: [2, 784], data: flat.data }));
    expect(await runCli(['infer', fixture('mlp_mnist.onnx'), '--input', path], io)).toBe(2);
    expect(io.err).toBe(`snn: ${path}: shape [2, 784] does not fit the model's input 'input', [N, 1, 28, 28]\n`);
  });

  const userError = async (argv: string[], message: RegExp | string) => {
    const io = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.out).toBe('');
    expect(io.err.split('\n')).toHaveLength(2); // one line and its newline
    if (typeof message === 'string') expect(io.err).toBe(`snn: ${message}\n`);
    else expect(io.err).toMatch(message);
  };

  it('user errors: exit 2, one line on stderr naming the problem', async () => {
    const { path, dir } = inputFile('mnist_cnn_mnist', 1);
    const model = fixture('mnist_cnn_mnist.onnx');
    await userError([], 'no command given; run `snn --help` to list them');
    await userError(['frobnicate'], /^snn: unknown command 'frobnicate' \(commands: summary, infer/);
    await userError(['summary'], /^snn: summary takes <model.onnx>, got 0 argument\(s\); usage: snn summary <model.onnx>$/m);
    await userError(['summary', model, '--bogus'], /^snn: Unknown option '--bogus'; usage: snn summary <model.onnx>$/m);
    await userError(['summary', '/no/such.onnx'], 'cannot read the model: no such file [file /no/such.onnx]');
    await userError(['summary', dir], `cannot read the model: a folder, not a file [file ${dir}]`);
    await userError(['infer', model, '--input', dir], `${dir}: a folder, not a file`);
    await userError(['summary', path], /^snn: not a readable ONNX model \(truncated or not an ONNX file\): .*\[file .*in\.json\]$/m);
    await userError(['infer', model], /^snn: infer needs --input <file.json>/);
    await userError(['infer', model, '--input', join(dir, 'none.json')], `${join(dir, 'none.json')}: no such file`);
    writeFileSync(join(dir, 'bad.json'), '{"shape": [1, 1, 28, 28], "data": [1, 2');
    await userError(['infer', model, '--input', join(dir, 'bad.json')], /^snn: .*bad\.json: not valid JSON/);
    writeFileSync(join(dir, 'short.json'), '{"shape": [1, 1, 28, 28], "data": [1, 2]}');
    await userError(
      ['infer', model, '--input', join(dir, 'short.json')],
      `${join(dir, 'short.json')}: "data" has 2 values but "shape" [1, 1, 28, 28] needs 784`,
    );
    writeFileSync(join(dir, 'nan.json'), '{"shape": [1, 2], "data": [1, "x"]}');
    await userError(['infer', model, '--input', join(dir, 'nan.json')], `${join(dir, 'nan.json')}: "data"[1] is "x", not a finite number`);
    await userError(['infer', model, '--input', path, '--backend', 'metal'], "--backend must be one of wasm, cpu, webgpu, tensorflow, got 'metal'");
    await userError(
      ['infer', model, '--input', path, '--output', join(dir, 'no', 'dir', 'out.json')],
      `--output ${join(dir, 'no', 'dir', 'out.json')}: its folder does not exist`,
    );
  });

  it('--verbose adds the stack to a user error', async () => {
    const io = capture();
    expect(await runCli(['summary', '/no/such.onnx', '--verbose'], io)).toBe(2);
    expect(io.err).toMatch(/^backend: wasm/);
    expect(io.err.split('\n')).toContain('snn: cannot read the model: no such file [file /no/such.onnx]');
    expect(io.err).toMatch(/\n {4}at /);
  });

  it('an unexpected failure exits 1 with its stack; commands plug in through the registry', async () => {
    const boom: Command = {
      name: 'boom',
      summary: 'fails',
      usage: 'boom',
      positionals: { min: 0, max: 0, names: 'nothing' },
      async run({ options }) {
        if (options.gently) throw new UserError('asked to fail gently');
        throw new TypeError('kaboom');
      },
      options: { gently: { type: 'boolean' } },
    };
    registerCommand(boom);
    const io = capture();
    expect(await runCli(['boom'], io)).toBe(1);
    expect(io.err).toMatch(/^snn: unexpected error: kaboom\nTypeError: kaboom\n {4}at /);
    await userError(['boom', '--gently'], 'asked to fail gently');
    const help = capture();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.out).toMatch(/^ {2}boom +fails$/m);
  });
});
