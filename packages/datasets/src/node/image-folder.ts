import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFormatError } from '../arrays/error.js';
import { type ImageOptions, imagesToSplit, type LabelledImage } from '../image/to-split.js';
import type { Split } from '../types.js';
import { decodeImage } from './decode-image.js';

/** Extensions read (case-insensitive); other files are skipped, as torchvision's ImageFolder does. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg'];

/** An image folder read into a split, with the class names in label order. */
export interface ImageFolder {
  split: Split;
  /** `classes[label]` is the subfolder name. */
  classes: string[];
  /** Every image read, in sample order. */
  files: string[];
}

const visible = (name: string) => !name.startsWith('.');
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Does `dir` look like an ImageFolder root (a visible subfolder holding at least one image)? */
export async function isImageFolder(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries.filter((d) => d.isDirectory() && visible(d.name))) {
    const inner = await readdir(join(dir, e.name)).catch(() => [] as string[]);
    if (inner.some((f) => IMAGE_EXTENSIONS.some((x) => f.toLowerCase().endsWith(x)))) return true;
  }
  return false;
}

/**
 * Reads a folder in torchvision's ImageFolder layout — `dir/<class>/<image>.png|jpg|jpeg`, one
 * subfolder per class, labels = the subfolders' sorted names (code-point order, as Python's
 * `sorted`), images within a class in sorted order — into one {@link Split} (see
 * {@link imagesToSplit} for resizing, grey conversion and scaling). Node only.
 *
 * @throws DataFormatError naming the folder (no classes, a class without images, more than 256
 *   classes) or the image (corrupt, a size that differs without `resize`)
 * @example const { split, classes } = await readImageFolder('data/test', { grayscale: true, resize: [28, 28] });
 */
export async function readImageFolder(dir: string, opts: ImageOptions = {}): Promise<ImageFolder> {
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new DataFormatError(dir, 'not a directory');
  const entries = await readdir(dir, { withFileTypes: true });
  const classes = entries
    .filter((e) => e.isDirectory() && visible(e.name))
    .map((e) => e.name)
    .sort(byName);
  if (classes.length === 0) throw new DataFormatError(dir, 'has no class subfolders (ImageFolder layout: DIR/<class>/<image>.png)');
  if (classes.length > 256) throw new DataFormatError(dir, `has ${classes.length} class folders; at most 256 are supported`);
  const items: LabelledImage[] = [];
  for (const [label, cls] of classes.entries()) {
    const names = (await readdir(join(dir, cls))).filter((f) => visible(f) && IMAGE_EXTENSIONS.some((x) => f.toLowerCase().endsWith(x))).sort(byName);
    if (names.length === 0) throw new DataFormatError(join(dir, cls), `class folder has no ${IMAGE_EXTENSIONS.join('/')} images`);
    for (const name of names) {
      const file = join(dir, cls, name);
      items.push({ image: decodeImage(await readFile(file), file), label, file });
    }
  }
  return { split: imagesToSplit(items, opts), classes, files: items.map((i) => i.file) };
}
