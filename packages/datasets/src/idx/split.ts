import type { Gunzip, Split } from '../types.js';
import { IdxFormatError } from './error.js';
import { inflateIfGzip } from './gzip.js';
import { parseIdxImages } from './images.js';
import { parseIdxLabels } from './labels.js';

/** One file's bytes (gzipped or not) and the name errors should use. */
export interface IdxSource {
  bytes: Uint8Array;
  file: string;
}

/**
 * Builds a {@link Split} from an idx3 image file and an idx1 label file (each gzipped or not):
 * pixels are byte / 255, shape `[rows, cols, 1]`.
 *
 * @throws IdxFormatError naming the file at fault, or the label file when the counts differ
 * @example const test = await parseIdxSplit({ bytes: img, file: 't10k-images-idx3-ubyte.gz' }, { bytes: lab, file: 't10k-labels-idx1-ubyte.gz' });
 */
export async function parseIdxSplit(images: IdxSource, labels: IdxSource, gunzip?: Gunzip): Promise<Split> {
  const img = parseIdxImages(await inflateIfGzip(images.bytes, images.file, gunzip), images.file);
  const lab = parseIdxLabels(await inflateIfGzip(labels.bytes, labels.file, gunzip), labels.file);
  if (lab.length !== img.n) {
    throw new IdxFormatError(labels.file, `has ${lab.length} labels but ${images.file} has ${img.n} images`);
  }
  return { images: img.pixels, labels: lab, n: img.n, shape: [img.rows, img.cols, 1] };
}
