import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DataFlags } from '@snn/datasets';
import type { Graph } from '@snn/graph';
import { UserError } from '../errors.js';
import { checkDataFits, isSpiking, loadData, loadModel, modeOption, parseTimeSteps, positiveInt, testSubset } from '../pipeline.js';
import { DataCache, dataFlagsOf } from '../queue/data-sources.js';
import type { Command } from '../registry.js';
import { CONVERSION_OPTIONS, CONVERSION_USAGE, trainingOptions } from './conversion.js';
import type { SweepRow } from '../sweep/cell.js';
import { writeSweepReport } from '../sweep/figures.js';
import { type PendingCell, runCells } from '../sweep/run.js';
import { trainingUse } from '../training.js';
import { sweepCsv, sweepText } from '../sweep/table.js';

/** `--seeds 1,2,3`: Poisson encoder seeds (integers); none: analog input. */
function parseSeeds(text: string | undefined): Array<number | null> {
  if (text === undefined) return [null];
  const s = text.split(',').map((x) => Number(x.trim()));
  if (s.length === 0 || !s.every((x) => Number.isInteger(x) && x >= 0))
    throw new UserError(`--seeds ${text}: expected comma-separated non-negative integers such as 1,2,3`);
  return [...new Set(s)];
}

/** Table names: file names without extension, numbered where two are the same. */
const names = (paths: string[]) =>
  paths.map((p, i) => {
    const n = basename(p).replace(/\.onnx$/, '');
    return paths.filter((q, k) => k < i && basename(q).replace(/\.onnx$/, '') === n).length ? `${n}#${i + 1}` : n;
  });

/**
 * `snn sweep a.onnx b.onnx --data mnist --mode max --mode 99.9% --T 8,16,32,64 [--seeds 1,2]`: every
 * model × mode × seed is one job (convert, then score at every T), run here or, with `--queue`,
 * on `snn worker`s; the results are one table (text, `--json`, `--csv FILE`) and, with
 * `--report DIR`, accuracy vs T and accuracy vs SOPs figures.
 */
export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'convert and evaluate a grid of models × modes × seeds at each T (locally or on a queue) into one table and figures',
  usage: `sweep <models...> ${CONVERSION_USAGE}\n  [--mode M]... [--T 8,16,32] [--seeds 1,2] [--limit N] [--batch-size B] [--queue redis://HOST:PORT] [--json] [--csv FILE] [--report DIR]\n  e.g. snn sweep a.onnx b.onnx --data mnist --mode max --mode 99.9% --mode auto --T 8,16,32,64 --queue redis://127.0.0.1:6379`,
  options: {
    ...CONVERSION_OPTIONS,
    mode: { type: 'string', multiple: true },
    T: { type: 'string' },
    seeds: { type: 'string' },
    limit: { type: 'string' },
    'batch-size': { type: 'string' },
    queue: { type: 'string' },
    json: { type: 'boolean' },
    csv: { type: 'string' },
    report: { type: 'string' },
  },
  positionals: { min: 1, max: 1000, names: 'one or more models (.onnx or saved ANN folders)' },
  async run(ctx) {
    const { args, options, io, backend } = ctx;
    const t0 = performance.now();
    const modes = (options.mode as unknown as string[] | undefined) ?? ['auto'];
    for (const m of modes) modeOption(m); // bad modes fail here, before any work
    const Ts = parseTimeSteps(options.T as string | undefined, [8, 16, 32]);
    const seeds = parseSeeds(options.seeds as string | undefined);
    const training = trainingOptions(options);
    const limit = positiveInt('limit', options.limit as string | undefined);
    const batchSize = positiveInt('batch-size', options['batch-size'] as string | undefined, 200) as number;
    const queue = options.queue as string | undefined;
    if (queue) {
      const { connectRedis, parseQueueUrl } = await import('../queue/connection.js');
      (await connectRedis(parseQueueUrl(queue))).disconnect();
    }
    await backend();
    const source = dataFlagsOf(options);
    const data = await loadData(options as DataFlags, io);
    const use = trainingUse(data.train, training).info; // bad --calibrate / --bias-correction fail here, before any job
    const models: Graph[] = [];
    for (const path of args) {
      const g = await loadModel(path);
      if (isSpiking(g)) throw new UserError(`${path} is already an SNN: a sweep converts ANNs (pass the .onnx)`);
      checkDataFits(g, data.test, path);
      models.push(g);
    }
    const cache = new DataCache();
    cache.add(source, data);
    const test = testSubset(data.test, limit);
    const base = { train: cache.ref(source, 'train', data.train), test: cache.ref(source, 'test', data.test) };
    const grid = names(args).flatMap((name, m) => modes.flatMap((mode) => seeds.map((seed) => ({ m, name, mode, seed }))));
    const cells: PendingCell[] = grid.map(({ m, name, mode, seed }, shard) => ({
      graph: models[m],
      job: { kind: 'sweep-cell', shard, model: '', name, mode, seed, training, ...base, indices: Array.from(test.indices), Ts, batchSize },
    }));
    const results = await runCells(cells, cache, ctx, queue);
    const rows: SweepRow[] = results.flatMap((r) => r.rows);
    const timing = { seconds: (performance.now() - t0) / 1000, cells: results.map((r) => ({ seconds: r.seconds, simulate: r.simulate })) };
    if (options.csv) writeFileSync(options.csv as string, sweepCsv(rows));
    const files = options.report ? await writeSweepReport(options.report as string, rows) : [];
    const made = results.map((r, i) => ({ model: grid[i].name, mode: grid[i].mode, seed: grid[i].seed, calibrated: r.calibrated, choices: r.choices }));
    if (options.json)
      io.stdout(`${JSON.stringify({ subset: test.info, calibration: use.calibration, validation: use.validation, cells: made, rows, timing })}\n`);
    else io.stdout(`${sweepText(rows)}${files.length ? `report: ${files.at(-1)}\n` : ''}`);
  },
};
