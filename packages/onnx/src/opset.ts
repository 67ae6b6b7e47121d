import { OnnxImportError } from './errors.js';
import type { OnnxModel } from './proto/types.js';

/** Oldest default-domain opset the handlers honour (BatchNormalization without `spatial` quirks, Dropout with `ratio`). */
export const MIN_OPSET = 7;
/** Newest default-domain opset whose definitions of the handled ops the handlers know. */
export const MAX_OPSET = 22;

/**
 * Reads the model's default-domain (`''` or `ai.onnx`) opset and refuses one outside
 * [{@link MIN_OPSET}, {@link MAX_OPSET}] with a message that says what to do.
 */
export function readOpset(model: OnnxModel): number {
  const entries = model.opsetImport.filter((o) => o.domain === '' || o.domain === 'ai.onnx');
  if (entries.length === 0) {
    throw new OnnxImportError(
      'opset',
      'the model declares no ai.onnx opset (opset_import is empty: IR version 1–2 models are not supported); re-export it with opset 13',
    );
  }
  const opset = Math.max(...entries.map((o) => o.version));
  if (opset < MIN_OPSET)
    throw new OnnxImportError('opset', `opset ${opset} is older than the oldest this importer honours (${MIN_OPSET}); re-export with opset_version=13`, {
      opset,
    });
  if (opset > MAX_OPSET)
    throw new OnnxImportError(
      'opset',
      `opset ${opset} is newer than the newest this importer knows (${MAX_OPSET}); re-export with opset_version between ${MIN_OPSET} and ${MAX_OPSET} (13 is what the fixtures use)`,
      { opset },
    );
  return opset;
}
