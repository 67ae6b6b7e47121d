import { accessSync, constants, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from './errors.js';

/** The nearest path at or above `path` that exists. */
function nearestExisting(path: string): string {
  let p = resolve(path);
  for (;;) {
    try {
      statSync(p);
      return p;
    } catch {
      const up = dirname(p);
      if (up === p) return p;
      p = up;
    }
  }
}

const writable = (p: string): boolean => {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Checks, before any work, that an output can be written and overwrites nothing the user has
 * without `force`: a folder output (`kind: 'dir'`, e.g. `--output model.snn`, `--report DIR`) may be
 * missing or empty, and missing folders above it are created; a file output may be missing, in a
 * folder that exists. What is missing must be creatable: the nearest existing ancestor a writable folder. Every problem is a {@link UserError} naming the flag.
 *
 * @example checkOutputPath('--report', 'out/report', 'dir', false);
 */
export function checkOutputPath(flag: string, path: string, kind: 'dir' | 'file', force: boolean): void {
  const at = `${flag} ${path}`;
  const base = nearestExisting(path);
  const exists = base === resolve(path);
  if (exists) {
    const st = statSync(base);
    if (kind === 'dir' && !st.isDirectory()) throw new UserError(`${at}: is a file, not a folder`);
    if (kind === 'file' && st.isDirectory()) throw new UserError(`${at}: is a folder, not a file`);
    const inUse = kind === 'file' || readdirSync(base).length > 0;
    if (inUse && !force) throw new UserError(`${at}: already exists${kind === 'dir' ? ' and is not empty' : ''}; pass --force to overwrite it`);
    if (!writable(base)) throw new UserError(`${at}: not writable`);
    return;
  }
  if (kind === 'file' && base !== dirname(resolve(path))) throw new UserError(`${at}: its folder does not exist`);
  if (!statSync(base).isDirectory()) throw new UserError(`${at}: cannot be created, ${base} is a file`);
  if (!writable(base)) throw new UserError(`${at}: cannot be created, ${base} is not writable`);
}
