import { DataFormatError } from '../arrays/error.js';

/**
 * A malformed IDX file. `file` names the file (or the name it was given), `fault` says what is
 * wrong; the message is `"<file>: <fault>"`.
 */
export class IdxFormatError extends DataFormatError {
  constructor(file: string, fault: string) {
    super(file, fault);
    this.name = 'IdxFormatError';
  }
}
