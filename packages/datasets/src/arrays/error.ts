import { InputError } from '@snn/core';

/**
 * A data file the readers cannot use (corrupt, wrong dtype or shape, labels that do not match), or a
 * data flag with a bad value. `file` names the file or flag, `fault` says what is wrong; the message
 * is `"<file>: <fault>"`, one line. An {@link InputError}, so one `instanceof` catches every input error.
 */
export class DataFormatError extends InputError {
  constructor(
    readonly file: string,
    readonly fault: string,
  ) {
    super(file, fault);
    this.name = 'DataFormatError';
  }
}
