/**
 * A malformed IDX file. `file` names the file (or the name it was given), `fault` says what is
 * wrong; the message is `"<file>: <fault>"`.
 */
export class IdxFormatError extends Error {
  constructor(
    readonly file: string,
    readonly fault: string,
  ) {
    super(`${file}: ${fault}`);
    this.name = 'IdxFormatError';
  }
}
