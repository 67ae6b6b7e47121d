import { IdxFormatError } from './error.js';

/** IDX data type code for unsigned bytes, the only one MNIST-style files use. */
export const IDX_UBYTE = 0x08;

/** The parsed header of an IDX file: dimension sizes and where the data starts. */
export interface IdxHeader {
  magic: number;
  dims: number[];
  /** Byte offset of the first data byte: `4 + 4 · dims.length`. */
  offset: number;
}

const hex = (m: number) => `0x${m.toString(16).padStart(8, '0')}`;

/**
 * Reads and checks an IDX header (big-endian): magic `0x0000 TT DD` with type `TT` (0x08 = ubyte)
 * and `DD` dimensions, then `DD` uint32 sizes; the file must hold exactly `∏ sizes` data bytes.
 *
 * @param bytes the whole (inflated) file
 * @param file name used in errors
 * @param expectedMagic `0x00000803` for images, `0x00000801` for labels
 * @param what a word for the error message ("idx3 image", "idx1 label")
 * @example readIdxHeader(bytes, 'train-labels-idx1-ubyte', 0x801, 'idx1 label').dims // [60000]
 */
export function readIdxHeader(bytes: Uint8Array, file: string, expectedMagic: number, what: string): IdxHeader {
  if (bytes.byteLength < 4) throw new IdxFormatError(file, `truncated: ${bytes.byteLength} bytes, too short for the 4-byte IDX magic number`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  if (magic !== expectedMagic) {
    throw new IdxFormatError(file, `wrong magic number ${hex(magic)}, expected ${hex(expectedMagic)} (${what} file of unsigned bytes)`);
  }
  const ndims = expectedMagic & 0xff;
  const offset = 4 + 4 * ndims;
  if (bytes.byteLength < offset) {
    throw new IdxFormatError(file, `truncated header: ${bytes.byteLength} bytes, the ${ndims} dimension sizes need ${offset}`);
  }
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const zero = dims.indexOf(0, 1);
  // A 0 count is a legal empty file; a 0 image height or width is not an image.
  if (zero > 0) throw new IdxFormatError(file, `bad dimensions [${dims.join(', ')}]: dimension ${zero} is 0`);
  const expected = dims.reduce((a, b) => a * b, 1);
  const actual = bytes.byteLength - offset;
  if (actual < expected) {
    throw new IdxFormatError(file, `truncated: dimensions [${dims.join(', ')}] need ${expected} data bytes after the ${offset}-byte header, found ${actual}`);
  }
  if (actual > expected) {
    throw new IdxFormatError(file, `${actual - expected} unexpected trailing bytes after the ${expected} data bytes of dimensions [${dims.join(', ')}]`);
  }
  return { magic, dims, offset };
}
