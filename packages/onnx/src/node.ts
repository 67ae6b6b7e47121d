import { closeSync, fstatSync, openSync, readFileSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileErrorText } from '@snn/core';
import type { Graph } from '@snn/graph';
import { OnnxImportError } from './errors.js';
import { importOnnx as importBytes } from './import.js';
import type { ImportOptions } from './plan.js';
import type { ExternalDataReader } from './tensor/decode-tensor.js';

export * from './index.js';

/** protobuf's hard limit for one message: larger files cannot be ModelProtos with embedded data. */
const MAX_MODEL_BYTES = 2 ** 31 - 1;

/**
 * Node entry of {@link importBytes | importOnnx}: also takes a file path. External-data tensors
 * are then read only from files inside the model's own directory (no absolute paths, no `..`,
 * no symlink out of it), with their length checked before reading.
 *
 * @example
 * const graph = importOnnx('model.onnx');
 */
export function importOnnx(source: Uint8Array | string, options: ImportOptions = {}): Graph {
  if (typeof source !== 'string') return importBytes(source, options);
  const file = source;
  try {
    const unreadable = (e: unknown) => new OnnxImportError('io', `cannot read the model: ${fileErrorText(e)}`);
    let size: number;
    try {
      const st = statSync(file);
      if (st.isDirectory()) throw Object.assign(new Error(file), { code: 'EISDIR' });
      size = st.size;
    } catch (e) {
      throw unreadable(e);
    }
    if (size > MAX_MODEL_BYTES) throw new OnnxImportError('io', `the file has ${size} bytes, more than a protobuf model can hold (2 GiB)`);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (e) {
      throw unreadable(e);
    }
    return importBytes(bytes, { readExternal: confinedReader(dirname(file)), ...options });
  } catch (e) {
    if (e instanceof OnnxImportError) throw OnnxImportError.locate(e, { file });
    throw e;
  }
}

/** Reads external tensor data from files under `dir` only. */
export function confinedReader(dir: string): ExternalDataReader {
  return ({ tensor, location, offset, length }) => {
    const fail = (msg: string) => new OnnxImportError('external-data', msg, { tensor });
    if (isAbsolute(location) || location.split(/[\\/]/).includes('..'))
      throw fail(`its external data location '${location}' is not a plain relative path inside the model's directory; refused`);
    let path: string;
    let root: string;
    try {
      root = realpathSync(dir);
      path = realpathSync(resolve(dir, location));
    } catch {
      throw fail(`its external data file '${location}' does not exist next to the model`);
    }
    const rel = relative(root, path);
    if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel))
      throw fail(`its external data file '${location}' resolves outside the model's directory; refused`);
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const want = length ?? size - offset;
      if (offset + want > size) throw fail(`needs bytes ${offset}..${offset + want} of '${location}', which has only ${size}`);
      const out = new Uint8Array(want);
      let done = 0;
      while (done < want) {
        const n = readSync(fd, out, done, want - done, offset + done);
        if (n <= 0) throw fail(`'${location}' ended early`);
        done += n;
      }
      return out;
    } finally {
      closeSync(fd);
    }
  };
}
