/** Thrown for a graph the converter cannot turn into an SNN; names the node and op. */
export class ConversionError extends Error {
  constructor(
    message: string,
    readonly node?: string,
    readonly op?: string,
  ) {
    super(message);
    this.name = 'ConversionError';
  }
}
