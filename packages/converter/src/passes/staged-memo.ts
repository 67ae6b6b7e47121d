import { contentOf, type GraphContent, sameContent, sameData } from '../choose/shared-means.js';
import type { ImageArrays } from './output-means.js';
import type { Recording, StagedMeansFn, StagedResult } from './staged-means.js';

/** The same recording (the values an earlier answer handed on, under any wrapper), or both none. */
const sameRecording = (a?: Recording, b?: Recording): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.values === b.values &&
    a.node === b.node &&
    a.T === b.T &&
    (a.shift === b.shift ||
      (a.shift !== undefined && b.shift !== undefined && a.shift.every((v, i) => Object.is(v, b.shift?.[i])) && a.shift.length === b.shift.length)));

/**
 * A {@link StagedMeansFn} that answers from an earlier run where it can, as `sharedOutputMeans` does
 * for whole graphs: the same structure and parameter values, images, replayed recording and record
 * size, an earlier run that measured every t of `at` (and, with a record, at least T steps: the
 * recording replays for fewer). `auto`'s bias corrections "bias only over T" and "½ the charge over
 * 2T" of one set of thresholds start with the same uncorrected network: the second's first stage is
 * answered here, and its recording handed on as if it had been made.
 */
export function sharedStagedMeans(means: StagedMeansFn): StagedMeansFn {
  const runs: Array<{
    graph: GraphContent;
    data: ImageArrays;
    from?: Recording;
    record: number;
    tap?: string;
    T: number;
    at: number[];
    out: Promise<StagedResult>;
  }> = [];
  return async (snn, data, T, at, o) => {
    const graph = await contentOf(snn);
    const record = o.record ?? 0;
    const hit = runs.find(
      (r) =>
        sameRecording(r.from, o.from) &&
        r.record === record &&
        r.tap === o.tap &&
        (!(record || o.tap) || r.T >= T) &&
        at.every((t) => r.at.includes(t)) &&
        sameData(r.data, data) &&
        sameContent(r.graph, graph),
    );
    if (!hit) {
      const out = means(snn, data, T, at, o);
      runs.push({ graph, data, from: o.from, record, tap: o.tap, T, at: [...at], out });
      return out;
    }
    const measured = await hit.out; // a run still going (a concurrent candidate) is waited for
    const size = measured.means.length / hit.at.length;
    const out = new Float64Array(size * at.length);
    for (const [h, t] of at.entries()) {
      const from = hit.at.indexOf(t) * size;
      for (let j = 0; j < size; j++) out[h * size + j] = measured.means[from + j];
    }
    return { means: out, recorded: measured.recorded };
  };
}
