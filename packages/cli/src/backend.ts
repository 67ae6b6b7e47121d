import { type BackendName, BackendUnavailableError, initBackend } from '@snn/backend';
import { UserError } from './errors.js';
import type { CliIO } from './registry.js';

const NAMES: readonly BackendName[] = ['wasm', 'cpu', 'webgpu', 'tensorflow'];

/**
 * Starts the backend named by `--backend` (strict: a failure is a user error naming why), or the
 * platform's best (`initBackend()`: wasm in Node unless tfjs-node is installed). With `verbose`,
 * says on stderr which one runs and why others were skipped.
 */
export async function startBackend(name: string | undefined, verbose: boolean, io: CliIO): Promise<BackendName> {
  if (name !== undefined && !NAMES.includes(name as BackendName)) throw new UserError(`--backend must be one of ${NAMES.join(', ')}, got '${name}'`);
  try {
    const report = await initBackend(name as BackendName | undefined);
    if (verbose) {
      const skipped = report.attempts.filter((a) => !a.ok).map((a) => `${a.name}: ${a.reason}`);
      io.stderr(`backend: ${report.backend}${skipped.length ? ` (skipped ${skipped.join('; ')})` : ''}\n`);
    }
    return report.backend;
  } catch (e) {
    if (e instanceof BackendUnavailableError) {
      const why = e.attempts.map((a) => `${a.name}: ${a.reason}`).join('; ');
      throw new UserError(`backend '${name ?? 'default'}' could not start (${why})`, { cause: e });
    }
    throw e;
  }
}
