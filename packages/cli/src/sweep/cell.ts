import type { ChoiceReport } from '@snn/converter';
import type { Graph } from '@snn/graph';
import { type SopResult, synapticOps } from '@snn/simulator';
import { evaluateShard } from '../evaluate/shard.js';
import { convertWith, type TrainingOptions } from '../commands/conversion.js';
import { modeOption } from '../pipeline.js';
import type { DataRef } from '../queue/data-sources.js';
import type { JobKind, ShardJob, Timed } from '../queue/jobs.js';
import { trainingUse } from '../training.js';

/** One cell of a sweep: convert `model` (an ANN, content address) with `mode`, score it at every T in `Ts`. */
export interface SweepCellJob extends ShardJob {
  kind: 'sweep-cell';
  model: string;
  /** The model as the table names it. */
  name: string;
  mode: string;
  /** Poisson encoder seed; null for analog (constant) input. */
  seed: number | null;
  /** `--calibrate`, `--validation`, `--bias-correction` as `snn eval` parses them. */
  training: TrainingOptions;
  train: DataRef;
  test: DataRef;
  indices: number[];
  Ts: number[];
  batchSize: number;
}

/** One row of the sweep table: a model × mode × seed at one T. */
export interface SweepRow {
  model: string;
  mode: string;
  seed: number | null;
  T: number;
  n: number;
  correct: number;
  accuracy: number;
  /** Synaptic operations per image over steps 1..T (the `synapticOps` monitor's `sopsUpTo`). */
  sopsPerImage: number;
  /** Spikes per image over steps 1..T (the same monitor's `spikesUpTo`). */
  spikesPerImage: number;
  annMacsPerImage: number;
}

export interface SweepCellResult extends Timed {
  rows: SweepRow[];
  /** Training images the conversion calibrated on (the converter's count: the training split less its validation part, or `--calibrate N`). */
  calibrated: number;
  /** The recipe's automatic choices, made on the validation part (absent when it has none). */
  choices?: ChoiceReport[];
}

/** Disposes the tensors of `snn` that `ann` does not hold (conversion shares unchanged params). */
function disposeOwn(snn: Graph, ann: Graph): void {
  const kept = new Set(ann.nodes.flatMap((n) => Object.values(n.params)));
  for (const n of snn.nodes) for (const t of Object.values(n.params)) if (!kept.has(t)) t.dispose();
}

/**
 * Runs a sweep cell: the conversion `snn eval` does ({@link convertWith}: calibration, validation
 * part, bias correction as the flags say) and the
 * scoring `snn eval` does ({@link evaluateShard}), one simulation to the largest T with a
 * `synapticOps` monitor, read at every T of the cell. Locally and on a worker alike.
 */
export const sweepCellKind: JobKind = {
  kind: 'sweep-cell',
  async run(j, env): Promise<SweepCellResult> {
    const job = j as SweepCellJob;
    const test = await env.data.resolve(job.test);
    const train = await env.data.resolve(job.train);
    const ann = await env.graphs.get(job.model);
    const { snn, report } = await convertWith(ann, modeOption(job.mode), trainingUse(train, job.training), job.training, job.batchSize);
    try {
      const r = await evaluateShard(snn, test, job.indices, {
        T: job.Ts[job.Ts.length - 1],
        batchSize: job.batchSize,
        threads: env.threads,
        encoder: job.seed === null ? undefined : { kind: 'poisson', seed: job.seed },
        monitors: [synapticOps()],
      });
      const sops = r.monitors?.synapticOps as SopResult;
      const rows = job.Ts.map((T) => ({
        model: job.name,
        mode: job.mode,
        seed: job.seed,
        T,
        n: r.n,
        correct: r.correct[T - 1],
        accuracy: r.correct[T - 1] / r.n,
        sopsPerImage: sops.sopsUpTo[T - 1],
        spikesPerImage: sops.spikesUpTo[T - 1],
        annMacsPerImage: sops.annMacsPerImage,
      }));
      return { rows, calibrated: report.calibration.samples, choices: report.choices, simulate: r.seconds, seconds: 0 };
    } finally {
      disposeOwn(snn, ann);
    }
  },
};
