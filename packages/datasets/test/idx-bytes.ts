/** Test helper: builds real IDX bytes (big-endian header + data) the way MNIST files are laid out. */
export function idxBytes(magic: number, dims: number[], data: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic, false);
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  out.set(Array.from(data), 4 + 4 * dims.length);
  return out;
}
