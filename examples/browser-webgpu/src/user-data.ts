// The user's own images in the page: an .npz (arrays `x` [N, C, H, W] and `y` [N], as `snn --data`
// takes them) or image files (PNG/JPEG, decoded by the browser), for calibration or as test images.
// Runs in the worker (createImageBitmap and OffscreenCanvas exist there), so decoding never holds
// up the page.
import { arraysToSplit, fromInterleaved, imagesToSplit, readNpz } from '@snn/datasets';
import type { ImageSet } from './pipeline.js';

/** A file the user picked: its name, the folder path the browser gives (`webkitRelativePath`), its bytes. */
export interface UserFile {
  name: string;
  path?: string;
  bytes: Uint8Array;
}

/** Label of an image without one: the run reports its prediction but does not score it. */
export const NO_LABEL = 255;

/**
 * An image's class: the number its folder's name starts with (`…/7/a.png`, `…/0-T-shirt/a.png`),
 * else a leading `7_` or `7-` in its file name; else {@link NO_LABEL}.
 */
export function labelOf(f: UserFile): number {
  const parts = (f.path || f.name).split('/');
  const folder = parts.length > 1 ? parts[parts.length - 2] : '';
  const m = /^(\d+)(?:\D|$)/.exec(folder) ?? /^(\d+)[_-]/.exec(parts[parts.length - 1]);
  const v = m ? Number(m[1]) : Number.NaN;
  return Number.isInteger(v) && v < NO_LABEL ? v : NO_LABEL;
}

function npzSet(f: UserFile): ImageSet {
  const arrays = readNpz(f.bytes, f.name);
  const missing = ['x', 'y'].filter((k) => !(k in arrays));
  if (missing.length)
    throw new Error(`${f.name}: needs arrays x (images) and y (labels); missing ${missing.join(', ')} (has ${Object.keys(arrays).join(', ') || 'none'})`);
  return arraysToSplit({ x: arrays.x, y: arrays.y, xFile: `${f.name}:x`, yFile: `${f.name}:y` });
}

async function imageSet(files: UserFile[], shape: readonly number[]): Promise<ImageSet> {
  const items = [];
  for (const f of files) {
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(new Blob([f.bytes as BlobPart]));
    } catch {
      throw new Error(`${f.name}: not an image this browser can decode (PNG or JPEG)`);
    }
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    items.push({ image: fromInterleaved(new Uint8Array(data.buffer), bitmap.width, bitmap.height, 4), label: labelOf(f), file: f.name });
    bitmap.close();
  }
  return imagesToSplit(items, { resize: [shape[0], shape[1]], grayscale: shape[2] === 1 });
}

/** The user's files as one image set for a model whose input is `shape` (H, W, C), or one line saying what is wrong. */
export async function readUserData(files: UserFile[], shape: readonly number[]): Promise<ImageSet> {
  if (files.length === 0) throw new Error('no file picked');
  const npz = files.filter((f) => f.name.endsWith('.npz'));
  if (npz.length > 1 || (npz.length === 1 && files.length > 1)) throw new Error('pick one .npz, or image files (not both)');
  const set = npz.length ? npzSet(npz[0]) : await imageSet(files, shape);
  if (set.shape.join() !== shape.join())
    throw new Error(
      `${files.length === 1 ? files[0].name : `${files.length} images`}: samples are [${set.shape.join(', ')}] (H, W, C) but the model takes [${shape.join(', ')}]`,
    );
  return set;
}
