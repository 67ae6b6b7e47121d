import { createRequire } from 'node:module';
import { DataFormatError } from '../arrays/error.js';
import { fromInterleaved, type RawImage } from '../image/raw-image.js';

// pngjs and jpeg-js are CommonJS: `require`d on the first image, not imported with the package — a
// command that reads no image folder (most) does not load them (≈ 50 ms of every `snn` start, measured)
const require = createRequire(import.meta.url);
let codecs: { PNG: typeof import('pngjs').PNG; jpeg: typeof import('jpeg-js') } | undefined;
function load(): NonNullable<typeof codecs> {
  codecs ??= { PNG: (require('pngjs') as typeof import('pngjs')).PNG, jpeg: require('jpeg-js') as typeof import('jpeg-js') };
  return codecs;
}

const isPng = (b: Uint8Array) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8;

/**
 * Decodes a PNG (pngjs; 16-bit scaled to 8, palettes expanded) or a JPEG (jpeg-js, baseline and
 * progressive), told apart by their magic bytes, into a grey or RGB {@link RawImage}.
 * Node only: pngjs needs zlib.
 *
 * @throws DataFormatError naming `file`: neither PNG nor JPEG, or a corrupt image
 * @example const img = decodeImage(readFileSync('cat.png'), 'cat.png'); // { width, height, channels, data }
 */
export function decodeImage(bytes: Uint8Array, file: string): RawImage {
  try {
    if (isPng(bytes)) {
      const png = load().PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return fromInterleaved(new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height, 4);
    }
    if (isJpeg(bytes)) {
      const img = load().jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false });
      return fromInterleaved(img.data, img.width, img.height, 3);
    }
  } catch (e) {
    throw new DataFormatError(file, `corrupt image: ${(e as Error).message.split('\n')[0]}`);
  }
  throw new DataFormatError(file, 'is neither a PNG nor a JPEG (by its first bytes)');
}
