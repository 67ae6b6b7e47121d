// Module hooks for processes and threads that load tfjs (registered with node:module's `register`; they
// run on Node's hooks thread). Importing a CommonJS file from ESM makes Node lex its whole source for its
// export names (cjs-module-lexer, in JavaScript on Node 20): for tfjs' three Node bundles (2.1 MB)
// that is most of a process's import time (import 0.50 s against require 0.08 s for tfjs-core alone,
// loaded machine), and most of a simulation worker's start (cpu-profile of one: 0.31 of 0.77 s in the
// lexer). These hooks load those files as a small ES module instead — `require` them, and export the
// names `require` gives — with the names kept in a cache file between processes. A worker thread does
// not get the hooks of the thread that started it: each entry point registers them first
// ({@link registerCjsHooks}), then imports its body.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CommonJS files loaded this way: tfjs-core's and its CPU and WebAssembly backends' Node bundles. */
export const LARGE_CJS = /\/@tensorflow\/tfjs-(core|backend-cpu|backend-wasm)\/dist\/tf-[a-z-]+\.node\.js$/;

const RESERVED = new Set(
  'arguments await break case catch class const continue debugger default delete do else enum eval export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield'.split(
    ' ',
  ),
);

/** The names a CommonJS file exports (its `module.exports` keys that can be ES bindings), cached by path, size and modification time. */
export function exportNames(path: string, dir = process.env.SNN_CACHE_DIR ?? join(tmpdir(), 'snn-ts-cache')): string[] {
  const st = statSync(path);
  const file = dir === 'off' ? undefined : join(dir, `cjs-exports-${createHash('sha1').update(`${path}|${st.size}|${st.mtimeMs}`).digest('hex')}.json`);
  if (file)
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as string[];
    } catch {} // absent or torn: computed again below
  const names = Object.keys(createRequire(path)(path)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && !RESERVED.has(n));
  if (file)
    try {
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${file}.${process.pid}`, JSON.stringify(names));
      renameSync(`${file}.${process.pid}`, file);
    } catch {} // a cache that cannot be written costs the next process the require, nothing else
  return names;
}

/** The ES module that stands for a CommonJS file: `require` it, export it as default and by name. */
export function esmShim(url: string, names: readonly string[]): string {
  const path = fileURLToPath(url);
  return [
    "import { createRequire, register } from 'node:module';",
    `const m = createRequire(${JSON.stringify(url)})(${JSON.stringify(path)});`,
    'export default m;',
    `export const { ${names.join(', ')} } = m;`,
    '',
  ].join('\n');
}

type Next = (url: string, context: unknown) => Promise<{ format?: string; source?: unknown; shortCircuit?: boolean }>;

/** Node's `load` hook: the large CommonJS files as {@link esmShim}s, everything else as Node loads it. */
export async function load(url: string, context: unknown, next: Next): Promise<{ format?: string; source?: unknown; shortCircuit?: boolean }> {
  if (!url.startsWith('file:') || !LARGE_CJS.test(url)) return next(url, context);
  try {
    return { format: 'module', source: esmShim(url, exportNames(fileURLToPath(url))), shortCircuit: true };
  } catch {
    return next(url, context); // anything unexpected: Node's own loading
  }
}

/**
 * Registers these hooks for the calling thread, before it imports tfjs (the `snn` command's entry,
 * each worker thread's entry); `SNN_CJS_HOOKS=off` leaves Node's own loading.
 *
 * @example registerCjsHooks(); await import(new URL('./body.js', import.meta.url).href);
 */
export function registerCjsHooks(): void {
  if (process.env.SNN_CJS_HOOKS !== 'off') register(import.meta.url);
}
