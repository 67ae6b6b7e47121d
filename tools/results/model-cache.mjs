// Model folders that a results section trains with `snn train` and reuses across runs (.tmp/results/…):
// a folder is reused only when its training command and a fingerprint of the sources that training runs
// are the ones it was trained with (results-key.json in the folder); otherwise it is trained again. So a
// reused model is the one its printed command makes now, and the section says which models it reused.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, snn } from './lib.mjs';

/**
 * What `snn train` runs, tests excluded: the command and its training loop, the graph's layers (less
 * the spiking ones, which an ANN's training never runs), execution and I/O, the datasets, the backend,
 * and the lockfile (the tfjs version). A change to any of them retrains. Not the CLI's shared option
 * parsing and data loading (pipeline.ts, options.ts: every command's, changed often, and a changed
 * meaning of a flag shows in the command itself), so that an unrelated CLI change does not retrain.
 */
export const TRAIN_SOURCES = [
  'packages/cli/src/commands/train.ts',
  'packages/cli/src/training.ts',
  'packages/cli/src/demo/train.ts',
  'packages/cli/src/demo/parallel-train.ts',
  'packages/cli/src/demo/train-protocol.ts',
  'packages/cli/src/demo/train-replica.ts',
  'packages/cli/src/demo/train-worker.ts',
  'packages/cli/src/demo/lr-schedule.ts',
  'packages/graph/src',
  'packages/datasets/src',
  'packages/backend/src',
  'packages/core/src',
  'pnpm-lock.yaml',
];
const SPIKING = /\/layers\/(if|lif|spiking[\w-]*)\.ts$/;

/**
 * sha256 over the path and content of every file under `paths` (tracked or new; tests, and files
 * `skip` matches, excluded): {@link TRAIN_SOURCES} less the spiking layers unless told otherwise.
 */
export function sourcesFingerprint(paths = TRAIN_SOURCES, skip = SPIKING) {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...paths], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && !/\.test\.ts$/.test(f) && !skip?.test(f) && existsSync(join(root, f)))
    .sort();
  const h = createHash('sha256');
  for (const f of files)
    h.update(`${f}\0`)
      .update(readFileSync(join(root, f)))
      .update('\0');
  return `${h.digest('hex').slice(0, 16)} (${files.length} files)`;
}

const keyFile = (path) => join(root, path, 'results-key.json');
const command = (argv) => `snn ${argv.join(' ')}`;

/**
 * Makes model folder `path` with `snn train <argv>` unless it holds a model trained by that command on
 * sources with today's fingerprint; records the command in `log` either way. Returns how the folder came
 * about: `{ reused, trainedAt, commit, seconds }`.
 */
export function trainedModel(path, argv, log) {
  const sources = sourcesFingerprint();
  const old = existsSync(keyFile(path)) ? JSON.parse(readFileSync(keyFile(path), 'utf8')) : undefined;
  if (old?.command === command(argv) && old.sources === sources) {
    log.push(`${command(argv)}   # reused: trained ${old.trainedAt} (${old.seconds} s), same sources (tools/results/model-cache.mjs)`);
    return { reused: true, ...old };
  }
  rmSync(join(root, path), { recursive: true, force: true });
  const t0 = performance.now();
  snn(argv, log);
  return writeKey(path, argv, sources, Math.round((performance.now() - t0) / 1000));
}

/** Writes `path`'s results-key.json (the command, the sources' fingerprint, when, at which commit, how long). */
export function writeKey(path, argv, sources, seconds) {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const key = { command: command(argv), sources, trainedAt: new Date().toISOString().slice(0, 16).replace('T', ' '), commit, seconds };
  writeFileSync(keyFile(path), `${JSON.stringify(key, null, 1)}\n`);
  return { reused: false, ...key };
}
