import type { Graph } from '@snn/graph';
import { outputCone } from '../choose/output-cone.js';
import type { ImageArrays } from './output-means.js';
import type { Recording, StagedMeansFn } from './staged-means.js';
import { cutAt, pickRecord, withRecord } from './stages.js';

/** Recordings larger than this are not made (the stage then simulates from the images, as without one). */
export const MAX_RECORDING_BYTES = 160 * 2 ** 20;

/**
 * Bias correction's probe means, stage by stage, each stage simulating only what it has not seen:
 * stage k's run also records a node that no layer corrected from stage k on feeds (chosen by
 * {@link pickRecord}: what the next stage reads and may replay instead of simulating the layers
 * before it); a stage whose graph can be cut at the latest recording replays it as its input. The
 * means are those of `probe(g, k)` simulated from the images (the engines compute the same values on a
 * cut graph fed what its input node computed, and sum them in the same order). `probe(g, k)` is stage
 * k's probe graph of the SNN `g` as corrected so far; call the stages in order.
 */
export function stagedProbes(
  run: StagedMeansFn,
  probe: (g: Graph, k: number) => Graph,
  stages: number,
  fixedFrom: (k: number) => ReadonlySet<string>,
  images: ImageArrays,
  T: number,
  at: number[],
): (g: Graph, k: number) => Promise<ArrayLike<number>> {
  let rec: Recording | undefined;
  return async (g, k) => {
    const next = k + 1 < stages ? outputCone(probe(g, k + 1)) : undefined;
    let node = next && pickRecord(next, fixedFrom(k), rec?.node);
    const size = node ? g.shapeOf(node).reduce((a, b) => a * b, 1) : 0;
    if (images.n * T * size * 4 > MAX_RECORDING_BYTES) node = undefined;
    const graph = outputCone(node ? withRecord(probe(g, k), node) : probe(g, k));
    const cut = rec && cutAt(graph, rec.node);
    const r = await run(cut ?? graph, images, T, at, { from: cut ? rec : undefined, record: node ? size : undefined });
    if (node && r.recorded) rec = { node, size, ...r.recorded };
    return r.means;
  };
}
