// Generates (once per version of the generator) and reads ONNX's own backend node test cases.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GENERATOR = join(import.meta.dirname, '..', '..', '..', '..', 'tools', 'onnx-conformance', 'generate.py');

export interface CaseTensor {
  name: string;
  dims: number[];
  dtype: string;
  /** float32 values (undefined for other dtypes). */
  data?: Float32Array;
}

export interface ConformanceCase {
  name: string;
  op: string;
  opset: number;
  /** Counted by issue 14's done-when: rank-2/3/4 float inputs, nothing done across the batch axis. */
  inScope: boolean;
  scopeNote: string;
  model: Uint8Array;
  inputs: CaseTensor[];
  outputs: CaseTensor[];
}

/**
 * The cases' folder: `SNN_ONNX_CONFORMANCE_DIR`, or a temp folder keyed by the generator's hash,
 * filled by `tools/onnx-conformance/generate.py` with Debian's python3-onnx on first use.
 */
export function casesDir(): string {
  if (process.env.SNN_ONNX_CONFORMANCE_DIR) return process.env.SNN_ONNX_CONFORMANCE_DIR;
  const hash = createHash('sha256').update(readFileSync(GENERATOR)).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `snn-onnx-conformance-${hash}`);
  if (!existsSync(join(dir, 'cases'))) {
    try {
      execFileSync('/usr/bin/python3', [GENERATOR, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (e) {
      const err = (e as { stderr?: Buffer }).stderr?.toString().trim().split('\n').pop();
      throw new Error(`generating the ONNX conformance cases failed (needs Debian's python3-onnx): ${err ?? String(e)}`);
    }
  }
  return join(dir, 'cases');
}

function tensors(dir: string, prefix: string, rows: Omit<CaseTensor, 'data'>[]): CaseTensor[] {
  return rows.map((r, k) => {
    if (r.dtype !== 'float32') return r;
    const b = readFileSync(join(dir, `${prefix}_${k}.bin`));
    return { ...r, data: new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) };
  });
}

/** Every generated case, sorted by name. */
export function loadCases(dir = casesDir()): ConformanceCase[] {
  return readdirSync(dir)
    .sort()
    .map((name) => {
      const d = join(dir, name);
      const meta = JSON.parse(readFileSync(join(d, 'case.json'), 'utf8'));
      return {
        name,
        op: meta.op,
        opset: meta.opset,
        inScope: meta.inScope,
        scopeNote: meta.scopeNote,
        model: new Uint8Array(readFileSync(join(d, 'model.onnx'))),
        inputs: tensors(d, 'in', meta.inputs),
        outputs: tensors(d, 'out', meta.outputs),
      };
    });
}
