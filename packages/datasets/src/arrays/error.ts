/**
 * A data file the readers cannot use (corrupt, wrong dtype or shape, labels that do not match).
 * `file` names the file (or the name it was given), `fault` says what is wrong; the message is
 * `"<file>: <fault>"`, one line.
 */
export class DataFormatError extends Error {
  constructor(
    readonly file: string,
    readonly fault: string,
  ) {
    super(`${file}: ${fault}`);
    this.name = 'DataFormatError';
  }
}
