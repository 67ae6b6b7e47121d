/**
 * A mistake the user can fix (a missing file, a bad option, a model the importer refuses): the CLI
 * prints its one-line message on stderr and exits with code 2, without a stack trace unless
 * `--verbose`.
 *
 * @example
 * throw new UserError(`${path}: no such file`);
 */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

/** Exit codes: 0 success, 1 a bug or an unexpected failure, 2 a user error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
