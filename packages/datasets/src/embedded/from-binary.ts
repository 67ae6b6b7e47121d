import { inflateIfGzip } from '../idx/gzip.js';
import type { Dataset, Gunzip } from '../types.js';
import { decodeDigitSet } from './binary.js';
import { splitByDigit } from './split-digits.js';

/**
 * The embedded-MNIST split from its compact binary (gzipped or not) — how a browser gets it:
 * serve or bundle the output of `encodeDigitSet(await readEmbeddedMnistDigits())` (Node) and pass
 * its bytes here. Same split and bit-identical pixels as the Node `loadEmbeddedMnist()`.
 *
 * @example const { train, test } = await loadEmbeddedMnistBinary(new Uint8Array(await (await fetch('/mnist.snnm.gz')).arrayBuffer()));
 */
export async function loadEmbeddedMnistBinary(bytes: Uint8Array, gunzip?: Gunzip): Promise<Dataset> {
  const { digits, rows, cols } = decodeDigitSet(await inflateIfGzip(bytes, 'embedded MNIST binary', gunzip));
  return splitByDigit(digits, rows, cols);
}
