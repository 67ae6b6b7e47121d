// Shared by the CLI tests: fixture paths, captured IO, input files from PyTorch references.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../src/index.js';

export const fixtures = join(import.meta.dirname, '..', '..', 'onnx', 'test', 'fixtures');
export const fixture = (name: string) => join(fixtures, name);

/** Fixtures that come with PyTorch reference outputs. */
export const referenceFixtures = (): string[] =>
  readdirSync(fixtures)
    .filter((f) => f.endsWith('.reference.json'))
    .map((f) => f.replace(/\.reference\.json$/, ''))
    .sort();

export interface Reference {
  inputs: { shape: number[]; data: number[] };
  logits: { shape: number[]; data: number[] };
}

export const reference = (name: string): Reference => JSON.parse(readFileSync(fixture(`${name}.reference.json`), 'utf8'));

/** Writes the first `n` reference inputs as an `snn infer` input file; returns its path and the expected logits. */
export function inputFile(name: string, want = 8): { path: string; dir: string; logits: number[]; k: number; n: number } {
  const ref = reference(name);
  const n = Math.min(want, ref.inputs.shape[0]);
  const per = ref.inputs.data.length / ref.inputs.shape[0];
  const k = ref.logits.shape[1];
  const dir = mkdtempSync(join(tmpdir(), 'snn-cli-'));
  const path = join(dir, 'in.json');
  writeFileSync(path, JSON.stringify({ shape: [n, ...ref.inputs.shape.slice(1)], data: ref.inputs.data.slice(0, n * per) }));
  return { path, dir, logits: ref.logits.data.slice(0, n * k), k, n };
}

/** An IO that records what a command writes. */
export function capture(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

export const maxAbs = (a: number[], b: number[]) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), a.length === b.length ? 0 : Number.POSITIVE_INFINITY);
