import { readIdxHeader } from './header.js';

/** Magic number of an IDX file of unsigned-byte images (`idx3-ubyte`). */
export const IDX3_IMAGES_MAGIC = 0x00000803;

/** Images decoded from an idx3 file. */
export interface IdxImages {
  /** `n · rows · cols` pixels in [0, 1] (byte / 255), row-major. */
  pixels: Float32Array;
  n: number;
  rows: number;
  cols: number;
}

/**
 * Decodes an (inflated) idx3-ubyte image file: `pixel = byte / 255`, rows then columns, as MNIST
 * and Fashion-MNIST store them.
 *
 * @param file name used in errors
 * @throws IdxFormatError on a wrong magic number, truncation, trailing bytes or a zero height/width
 * @example const { n, rows, cols } = parseIdxImages(bytes, 't10k-images-idx3-ubyte'); // 10000, 28, 28
 */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const { dims, offset } = readIdxHeader(bytes, file, IDX3_IMAGES_MAGIC, 'idx3 image');
  const [n, rows, cols] = dims;
  const data = bytes.subarray(offset);
  const pixels = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) pixels[i] = data[i] / 255;
  return { pixels, n, rows, cols };
}
