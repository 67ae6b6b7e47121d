import { readIdxHeader } from './header.js';

/** Magic number of an IDX file of unsigned-byte labels (`idx1-ubyte`). */
export const IDX1_LABELS_MAGIC = 0x00000801;

/**
 * Decodes an (inflated) idx1-ubyte label file into a copy of its label bytes.
 *
 * @param file name used in errors
 * @throws IdxFormatError on a wrong magic number, truncation or trailing bytes
 * @example parseIdxLabels(bytes, 't10k-labels-idx1-ubyte').length // 10000
 */
export function parseIdxLabels(bytes: Uint8Array, file: string): Uint8Array {
  const { offset } = readIdxHeader(bytes, file, IDX1_LABELS_MAGIC, 'idx1 label');
  return bytes.slice(offset);
}
