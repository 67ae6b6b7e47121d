import { unzipSync } from 'fflate';
import { DataFormatError } from './error.js';
import { type NpyArray, readNpy } from './read-npy.js';

/**
 * Reads an `.npz` archive (`np.savez` or `np.savez_compressed`: a zip of `.npy` files) into its
 * arrays by name (`x.npy` → `x`). Unzipping is fflate's; each member goes through {@link readNpy}.
 * Browser-safe.
 *
 * @throws DataFormatError naming `file` (and the member): not a zip, a corrupt member
 * @example const { x, y } = readNpz(bytes, 'test.npz'); // x.shape [N, 1, 28, 28], y.shape [N]
 */
export function readNpz(bytes: Uint8Array, file = 'arrays.npz'): Record<string, NpyArray> {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch (e) {
    throw new DataFormatError(file, `not a readable .npz (zip) archive: ${(e as Error).message}`);
  }
  const out: Record<string, NpyArray> = {};
  for (const [name, data] of Object.entries(members)) {
    if (!name.endsWith('.npy')) continue;
    out[name.slice(0, -4)] = readNpy(data, `${file}[${name}]`);
  }
  return out;
}
