// A fuzz of `snn` argument vectors: random commands, flags, values and orders. Whatever the argv, snn
// exits 0 or 2 and prints no stack (unless --verbose asked for one) — and never hangs. Kept cheap:
// the models are a missing file, a file that is no model and a 30-parameter ONNX model that fits no
// dataset, so every run ends in a refusal or a tiny `infer`/`summary`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '@snn/datasets';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capture, fixture, inputFile } from './helpers.js';

const { path: input, dir } = inputFile('byo_flat_out', 2);
const notModel = join(dir, 'not-a-model.onnx');
writeFileSync(notModel, 'hello');
const MODELS = ['/no/such/model.onnx', notModel, fixture('byo_flat_out.onnx'), dir, ''];
const COMMANDS = ['summary', 'infer', 'convert', 'eval', 'ops', 'help', '--help', 'frobnicate', ''];
/** Commands whose valid runs are long (training, a worker that waits): fuzzed with a parse error appended. */
const LONG = ['demo', 'sweep', 'worker'];
const FLAGS = [
  '--data',
  '--labels',
  '--calibration-data',
  '--calibration-labels',
  '--scale',
  '--resize',
  '--grayscale',
  '--mean',
  '--std',
  '--mode',
  '--T',
  '--limit',
  '--calibrate',
  '--validation',
  '--bias-correction',
  '--batch-size',
  '--input',
  '-i',
  '--output',
  '-o',
  '--report',
  '--force',
  '--json',
  '--backend',
  '--help',
  '-h',
  '--queue',
  '--bogus',
  '-x',
  '--',
  '--T=',
  '--mode=',
];
const VALUES = [
  '-3',
  '0',
  '1',
  '8,16',
  '99.9',
  '99.9%',
  'auto',
  'auto@0',
  'auto@8',
  'max',
  '1/0',
  '1e9',
  'NaN',
  '',
  ' ',
  '%',
  'off',
  '10%',
  '100%',
  'mnist',
  '/nonexistent',
  'wasm',
  'metal',
  'redis://',
  input,
  join(dir, 'out.json'),
  join(dir, 'no', 'x'),
  dir,
  '-',
];

const rand = mulberry32(Number(process.env.SNN_FUZZ_SEED ?? 12));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function argv(): string[] {
  const long = rand() < 0.1;
  const out = [long ? pick(LONG) : pick(COMMANDS)];
  for (let k = Math.floor(rand() * 7); k > 0; k--) {
    const r = rand();
    if (r < 0.25) out.push(pick(MODELS));
    else if (r < 0.7) out.push(pick(FLAGS), pick(VALUES));
    else out.push(pick(rand() < 0.5 ? FLAGS : VALUES));
  }
  if (long) out.push('--no-such-option');
  return out;
}

describe('snn argv fuzz', () => {
  it('400 random argument vectors: exit 0 or 2, one line on error, no stack without --verbose', async () => {
    const cases = 400;
    const seen: Record<number, number> = {};
    const bad: string[] = [];
    const t0 = performance.now();
    for (let k = 0; k < cases; k++) {
      const a = argv();
      const io = capture();
      const code = await runCli(a, io);
      seen[code] = (seen[code] ?? 0) + 1;
      const verbose = a.includes('--verbose') || a.includes('-v');
      const stack = /\n\s+at /.test(io.err);
      const lines = io.err.split('\n').filter((l) => l && !l.startsWith('backend:')).length;
      if (![0, 2].includes(code) || (stack && !verbose) || (code === 2 && !verbose && lines !== 1))
        bad.push(`${JSON.stringify(a)} → ${code}: ${io.err.slice(0, 300)}`);
    }
    console.log(
      `argv fuzz: ${cases} cases, seed ${process.env.SNN_FUZZ_SEED ?? 12} (SNN_FUZZ_SEED), in ${((performance.now() - t0) / 1000).toFixed(1)} s; exits ${JSON.stringify(seen)}`,
    );
    expect(bad).toEqual([]);
    expect(seen[2]).toBeGreaterThan(cases / 2);
  }, 300_000);
});
