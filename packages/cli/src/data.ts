import {
  type DataFlags,
  DataFormatError,
  type Dataset,
  loadData as loadDataFrom,
  parseDataFlags,
  type Split,
  stratifiedSubset,
  type SubsetInfo,
} from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { UserError } from './errors.js';
import type { CliIO } from './registry.js';

/**
 * The data flags (`--data`, `--labels`, `--calibration-data`, `--scale`, `--resize`, …; see
 * `DATA_FLAG_OPTIONS`), or a `--data` value alone, loaded by `@snn/datasets`' `loadData`; a carved
 * test split is stated on stderr.
 */
export async function loadData(given: DataFlags | string | undefined, io?: CliIO): Promise<Dataset> {
  const flags: DataFlags = typeof given === 'object' ? given : { data: given };
  try {
    const { dataset, note, carved } = await loadDataFrom(parseDataFlags(flags));
    if (carved) io?.stderr(`data: ${note}\n`);
    return dataset;
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    throw new UserError(e instanceof DataFormatError ? msg : `--data ${flags.data}: ${msg}`, { cause: e });
  }
}

/** Checks that the data fits the model's input, naming both shapes. */
export function checkDataFits(graph: Graph, split: Split, what: string): void {
  const want = graph.inputs[0].shape;
  if (want.join(',') === split.shape.join(',')) return;
  const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  // Same size, other order: most often channels-last arrays ([N, H, W, C] or [N, H, W]) read as PyTorch's channels-first.
  const hint = size(want) === size(split.shape) ? '; arrays are read channels-first, [N, C, H, W] or [N, C, L] (np.transpose them)' : '';
  throw new UserError(`${what}: the model expects inputs [${want.join(', ')}] (NHWC) but the data has [${split.shape.join(', ')}]${hint}`);
}

/** The seed of every subset the CLI takes (`--limit`, `--calibrate`): fixed, so each run sees the same images. */
export const SUBSET_SEED = 0;

/**
 * The test images `--limit N` scores: a class-stratified subset of N, seeded with {@link SUBSET_SEED}
 * (the same images every run, every class in proportion), or the whole split without a limit.
 */
export function testSubset(test: Split, limit?: number): { split: Split; indices: Uint32Array; info: SubsetInfo } {
  return stratifiedSubset(test, limit ?? test.n, SUBSET_SEED);
}

/** {@link testSubset}'s split alone. */
export const limitSplit = (split: Split, limit?: number): Split => testSubset(split, limit).split;
