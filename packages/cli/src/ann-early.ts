// Light on purpose (Node built-ins only): bin.ts imports this before the CLI's modules and tfjs load.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The ANN worker script: beside this module in the built package, else the package's dist (sources under vitest). */
export function annWorkerScript(): string | undefined {
  for (const rel of ['./ann-worker.js', '../dist/ann-worker.js']) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** A thread started by {@link startAnnWorkerEarly}: what it said before anyone took it. */
interface Early {
  worker: Worker;
  backend: string;
  heard: unknown[];
  broken: boolean;
  listen: (m: unknown) => void;
}

let early: Early | undefined;

/** The backend `snn` will run: wasm unless `--backend` names another (undefined: the default, which is wasm in Node without tfjs-node). */
function backendFlag(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--backend') return argv[i + 1] ?? '';
    if (argv[i].startsWith('--backend=')) return argv[i].slice('--backend='.length);
  }
  return undefined;
}

/**
 * Starts the ANN worker thread (ann-thread.ts) at the process's start, for a command that will
 * want it: `snn eval <model.onnx> …` on the wasm backend (its test pass and half of calibration run
 * there). Its start-up (Node, the module hooks, tfjs, the backend: ≈ 0.2–0.3 CPU-s) then runs on
 * the second core while this thread imports the CLI and loads the model and data (0.5 s on one
 * core), instead of after the model. {@link takeEarlyAnnWorker} hands it over; untaken, it is
 * unref'd and never holds the process open. Flags that change how workers load (`--conditions`)
 * and a second core missing are left to the normal start.
 */
export function startAnnWorkerEarly(argv: readonly string[], cores: number): void {
  const [command, model] = argv;
  if (early || command !== 'eval' || !model?.endsWith('.onnx') || !existsSync(model) || cores < 2) return;
  if (process.env.SNN_ANN_WORKER === 'off' || argv.includes('--help') || argv.includes('-h')) return;
  const backend = backendFlag(argv) ?? 'wasm';
  const script = annWorkerScript();
  if (backend !== 'wasm' || !script || process.execArgv.some((a) => a === '-C' || a.startsWith('--conditions'))) return;
  const worker = new Worker(script, { execArgv: process.execArgv });
  const e: Early = { worker, backend, heard: [], broken: false, listen: (m) => e.heard.push(m) };
  worker.on('message', e.listen);
  worker.once('error', () => {
    e.broken = true;
  });
  worker.once('exit', () => {
    e.broken = true;
  });
  worker.unref();
  worker.postMessage({ type: 'init', backend });
  early = e;
}

/**
 * The early thread, for a caller on `backend` (AnnThread): the thread, its replies so far (to
 * the `init` it was sent, in order) and the listener to remove; undefined when none was started,
 * it failed, or it runs another backend (then it is ended).
 */
export function takeEarlyAnnWorker(backend: string): { worker: Worker; heard: unknown[] } | undefined {
  const e = early;
  early = undefined;
  if (!e) return undefined;
  e.worker.off('message', e.listen);
  if (e.broken || e.backend !== backend) {
    e.worker.terminate().catch(() => {});
    return undefined;
  }
  return { worker: e.worker, heard: e.heard };
}
