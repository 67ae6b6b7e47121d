import { existsSync } from 'node:fs';
import { type Dataset, loadDataset, type Split, stratifiedSubset, type SubsetInfo } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { UserError } from './errors.js';

/** `--data mnist` (the embedded split), `fashion-mnist`, or a directory of IDX files with MNIST's names. */
export async function loadData(spec: string | undefined): Promise<Dataset> {
  if (!spec) throw new UserError('--data is required: mnist (the embedded MNIST), fashion-mnist, or a directory of IDX files');
  if (spec !== 'mnist' && spec !== 'fashion-mnist' && !existsSync(spec))
    throw new UserError(`--data ${spec}: no such directory (use mnist, fashion-mnist, or a directory of IDX files)`);
  try {
    return await loadDataset(spec);
  } catch (e) {
    throw new UserError(`--data ${spec}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

/** Checks that the data fits the model's input, naming both shapes. */
export function checkDataFits(graph: Graph, split: Split, what: string): void {
  const want = graph.inputs[0].shape;
  if (want.join(',') !== split.shape.join(','))
    throw new UserError(`${what}: the model expects inputs [${want.join(', ')}] (NHWC) but the data has [${split.shape.join(', ')}]`);
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
