/**
 * A parameter or input is missing, out of range or of the wrong shape; `param` names which one and
 * the message reads `param: what is wrong`. The base of each package's own input error
 * (`NeuronParamError`, `VizInputError`), so a program can catch every one with one `instanceof`.
 *
 * @example
 * throw new InputError('vThreshold', 'must be > 0 (got -1)'); // "vThreshold: must be > 0 (got -1)"
 */
export class InputError extends Error {
  constructor(
    readonly param: string,
    message: string,
  ) {
    super(`${param}: ${message}`);
    this.name = 'InputError';
  }
}
