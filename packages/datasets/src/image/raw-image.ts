/** A decoded 8-bit image, row-major HWC with 1 (grey) or 3 (RGB) channels. */
export interface RawImage {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

/**
 * An RGBA or RGB byte buffer (as pngjs and jpeg-js decode) as a {@link RawImage}: grey (1 channel)
 * when every pixel has R = G = B — a grey PNG or a one-component JPEG — else RGB. Alpha is dropped,
 * as torchvision's ImageFolder loader does (`convert('RGB')`).
 */
export function fromInterleaved(data: Uint8Array, width: number, height: number, stride: 3 | 4): RawImage {
  const n = width * height;
  let grey = true;
  for (let p = 0; p < n && grey; p++) grey = data[p * stride] === data[p * stride + 1] && data[p * stride] === data[p * stride + 2];
  const channels = grey ? 1 : 3;
  const out = new Uint8Array(n * channels);
  for (let p = 0; p < n; p++) for (let c = 0; c < channels; c++) out[p * channels + c] = data[p * stride + c];
  return { width, height, channels, data: out };
}

/**
 * The image with `channels` channels: grey → RGB repeats the grey value; RGB → grey is PIL's
 * `convert('L')` (what torchvision's `Grayscale` runs), L = (19595 R + 38470 G + 7471 B + 2¹⁵) >> 16,
 * i.e. 0.299 R + 0.587 G + 0.114 B rounded.
 */
export function withChannels(img: RawImage, channels: 1 | 3): RawImage {
  if (img.channels === channels) return img;
  const n = img.width * img.height;
  const out = new Uint8Array(n * channels);
  const d = img.data;
  if (channels === 3) for (let p = 0; p < n; p++) out[3 * p] = out[3 * p + 1] = out[3 * p + 2] = d[p];
  else for (let p = 0; p < n; p++) out[p] = (19595 * d[3 * p] + 38470 * d[3 * p + 1] + 7471 * d[3 * p + 2] + 0x8000) >> 16;
  return { ...img, channels, data: out };
}
