import type { Graph } from '@snn/graph';
import { outputCone } from '../choose/output-cone.js';
import type { ImageArrays } from './output-means.js';
import type { Recording, StagedMeansFn } from './staged-means.js';
import { cutAt, pickRecord, splitBias, sumsOf, withRecord } from './stages.js';

/** A layer's bias as plain values (undefined without one). */
const biasOf = (g: Graph, layer: string): Float32Array | undefined => {
  const b = g.node(layer).params.bias;
  return b && Float32Array.from(b.dataSync());
};

/** Recordings larger than this are not made (the stage then simulates from the images, as without one). */
export const MAX_RECORDING_BYTES = 160 * 2 ** 20;

/**
 * Bias correction's probe means, stage by stage, each stage simulating only what it has not seen.
 * Stage k corrects layer `layer(k)` (its bias, and the V₀ of the IF neurons after it): everything
 * before that layer's bias stays as it is in the next stage. So stage k records the layer's sums before
 * its bias ({@link splitBias}: the same values) and stage k + 1 replays them as the layer's output with
 * its corrected bias, fl(Σ + b) (the replay adds it, as the layer does), and simulates only what follows — where stage k + 1's graph can be cut there and the recording fits
 * {@link MAX_RECORDING_BYTES}. Otherwise stage k records, beside its output, a node that no layer
 * corrected from stage k on feeds ({@link pickRecord}), which the next stage may replay. A stage whose
 * graph can be cut at the latest recording replays it as its input. The means are those of `probe(g, k)`
 * simulated from the images (the engines compute the same values on a cut graph fed what its input
 * node computed, and sum them in the same order). `probe(g, k)` is stage k's probe graph of the SNN `g`
 * as corrected so far; call the stages in order.
 */
export function stagedProbes(
  run: StagedMeansFn,
  probe: (g: Graph, k: number) => Graph,
  stages: number,
  fixedFrom: (k: number) => ReadonlySet<string>,
  layer: (k: number) => string,
  images: ImageArrays,
  T: number,
  at: number[],
): (g: Graph, k: number) => Promise<ArrayLike<number>> {
  let rec: Recording | undefined;
  let recLayer: string | undefined; // the layer whose sums `rec` holds
  const perSample = (g: Graph, node: string) => g.shapeOf(node).reduce((a, b) => a * b, 1);
  const fits = (g: Graph, node: string) => images.n * T * perSample(g, node) * 4 <= MAX_RECORDING_BYTES;
  return async (g, k) => {
    const graph = outputCone(probe(g, k));
    // a layer's sums replay as its output with the bias it has now: fl(Σ + b), cut at the layer
    const from = rec && recLayer ? { ...rec, node: recLayer, shift: biasOf(g, recLayer) } : rec;
    const next = k + 1 < stages ? outputCone(probe(g, k + 1)) : undefined;
    // the sums of this stage's layer, where the next stage can start from them
    const L = layer(k);
    const nextSplit = next && splitBias(next, L);
    const split = nextSplit && cutAt(nextSplit, sumsOf(L)) && fits(nextSplit, sumsOf(L)) ? splitBias(graph, L) : undefined;
    if (split) {
      const tap = sumsOf(L);
      const cut = from && cutAt(split, from.node);
      const r = await run(cut ?? split, images, T, at, { from: cut ? from : undefined, tap });
      if (r.recorded) {
        rec = { node: tap, size: perSample(split, tap), ...r.recorded };
        recLayer = L;
      }
      return r.means;
    }
    let node = next && pickRecord(next, fixedFrom(k), from?.node);
    if (node && !fits(g, node)) node = undefined;
    const size = node ? perSample(g, node) : 0;
    const recorded = outputCone(node ? withRecord(graph, node) : graph);
    const cut = from && cutAt(recorded, from.node);
    const r = await run(cut ?? recorded, images, T, at, { from: cut ? from : undefined, record: node ? size : undefined });
    if (node && r.recorded) {
      rec = { node, size, ...r.recorded };
      recLayer = undefined;
    }
    return r.means;
  };
}
