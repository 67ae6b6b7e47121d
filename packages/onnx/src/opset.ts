import { OnnxImportError } from './errors.js';
import type { OnnxModel } from './proto/types.js';

/**
 * Oldest default-domain opset the handlers honour (BatchNormalization without `spatial` quirks,
 * Dropout with `ratio`). Older models import only when every op's handler says it has not changed
 * since (`OpHandler.sinceOpset`).
 */
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
  if (opset < 1) throw new OnnxImportError('opset', `opset ${opset} is not a valid opset; re-export with opset_version=13`, { opset });
  if (opset > MAX_OPSET)
    throw new OnnxImportError(
      'opset',
      `opset ${opset} is newer than the newest this importer knows (${MAX_OPSET}); re-export with opset_version between ${MIN_OPSET} and ${MAX_OPSET} (13 is what the fixtures use)`,
      { opset },
    );
  return opset;
}

/** Refuses a model older than {@link MIN_OPSET} that uses an op whose old definition differs (all such ops at once). */
export function refuseOldOps(model: OnnxModel, opset: number, since: (opType: string) => number): void {
  if (opset >= MIN_OPSET) return;
  const old = [...new Set(model.graph.nodes.filter((n) => since(n.opType) > opset).map((n) => n.opType))];
  if (old.length === 0) return;
  throw new OnnxImportError(
    'opset',
    `opset ${opset} is older than the oldest this importer honours (${MIN_OPSET}) for ${old.join(', ')}; re-export with opset_version=13`,
    { opset, opType: old[0] },
  );
}
