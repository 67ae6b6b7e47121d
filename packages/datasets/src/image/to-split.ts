import { DataFormatError } from '../arrays/error.js';
import type { Split } from '../types.js';
import { type RawImage, withChannels } from './raw-image.js';
import { resizeBilinear } from './resize.js';

/** How decoded images become samples (the `snn` flags `--resize`, `--grayscale`, `--scale`). */
export interface ImageOptions {
  /** Output `[H, W]`; without it every image must have the first one's size. */
  resize?: [number, number];
  /** Convert colour images to one grey channel (PIL's `convert('L')`). */
  grayscale?: boolean;
  /** Pixel multiplier (default: byte / 255). */
  scale?: number;
}

/** One decoded image, its class index and its file name (for errors). */
export interface LabelledImage {
  image: RawImage;
  label: number;
  file: string;
}

/**
 * A {@link Split} from decoded images: optionally grey (before resizing), resized with
 * antialiased bilinear filtering, then pixel = byte / 255 (or byte · `scale`), NHWC. Channels:
 * 1 with `grayscale` or when every image is grey, else 3 (grey images repeated into RGB).
 *
 * @throws DataFormatError naming the first image whose size differs (without `resize`)
 * @example const split = imagesToSplit(decoded, { resize: [28, 28], grayscale: true });
 */
export function imagesToSplit(items: LabelledImage[], opts: ImageOptions = {}): Split {
  if (items.length === 0) throw new DataFormatError('images', 'no images');
  const channels: 1 | 3 = opts.grayscale || items.every((i) => i.image.channels === 1) ? 1 : 3;
  const first = items[0].image;
  const [h, w] = opts.resize ?? [first.height, first.width];
  const per = h * w * channels;
  const images = new Float32Array(items.length * per);
  const labels = new Uint8Array(items.length);
  items.forEach(({ image, label, file }, i) => {
    if (!opts.resize && (image.height !== h || image.width !== w))
      throw new DataFormatError(file, `is ${image.width}×${image.height} but ${items[0].file} is ${w}×${h}; pass --resize H,W`);
    const img = withChannels(image, channels);
    const px = resizeBilinear(Float32Array.from(img.data), img.height, img.width, channels, h, w);
    const mul = opts.scale ?? 1;
    const div = opts.scale === undefined ? 255 : 1;
    for (let k = 0; k < per; k++) images[i * per + k] = (px[k] * mul) / div;
    labels[i] = label;
  });
  return { images, labels, n: items.length, shape: [h, w, channels] };
}
