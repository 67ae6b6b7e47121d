// Each image's class at every t from ONE simulate() call over many images: a monitor that feeds
// the graph output it is shown to @snn/simulator's own SummedReadout (the engines' readout: running
// sums in float32, argmax with the first index on ties), one step at a time, and keeps each
// sample's prediction after every step. simulate() itself returns counts and a confusion matrix.
import { type Monitor, type MonitorKind, outputOnlySession, registerMonitorKind, SummedReadout } from '@snn/simulator';

/** The monitor's kind (registered when this module loads; custom kinds run in the calling thread). */
export const PREDICTIONS = 'pagePredictions';

/** `at[s][t − 1]`: sample s's class at step t (argmax_k Σ_{τ ≤ t} out_τ[s, k]). */
export type PredictionsAtEveryT = Int32Array[];

/** A monitor recording every sample's class at every t (result: {@link PredictionsAtEveryT}). */
export const predictionsMonitor = (): Monitor => ({ kind: PREDICTIONS, name: PREDICTIONS });

const kind: MonitorKind = {
  kind: PREDICTIONS,
  session(_m, ctx) {
    const at: PredictionsAtEveryT = [];
    const readouts = new Map<number, SummedReadout>();
    return outputOnlySession(
      (info, out, same) => {
        const { first, count, size: K, t0, steps } = info;
        let r = readouts.get(first);
        if (!r) {
          r = new SummedReadout(ctx.T, count, K, new Int32Array(count).fill(-1));
          readouts.set(first, r);
          for (let b = 0; b < count; b++) at[first + b] = new Int32Array(ctx.T);
        }
        const rows = count * K;
        for (let s = 0; s < steps; s++) {
          r.add(same ? out : Array.prototype.slice.call(out, s * rows, (s + 1) * rows), 1, t0 + s);
          for (let b = 0; b < count; b++) at[first + b][t0 + s - 1] = r.predictions[b];
        }
        if (t0 + steps - 1 === ctx.T) readouts.delete(first);
      },
      () => at,
    );
  },
  merge(_m, parts): PredictionsAtEveryT {
    const all: PredictionsAtEveryT = [];
    for (const p of parts as PredictionsAtEveryT[])
      p.forEach((row, i) => {
        all[i] = row;
      });
    return all;
  },
};
registerMonitorKind(kind);
