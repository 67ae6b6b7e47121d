#!/usr/bin/env node
// Node's own start-up ends here (performance.now() counts from the process's start); the CLI's
// module graph is imported next, timed, so that `--profile` can say what each cost.
const startup = performance.now() / 1000;
// `snn eval <model.onnx>` wants the ANN worker thread: it starts now, on the second core, while this
// thread imports and loads (ann-early.ts: Node built-ins only)
(await import('./ann-early.js')).startAnnWorkerEarly(process.argv.slice(2), (await import('node:os')).availableParallelism());
// tfjs' CommonJS bundles load through require, not Node's slow ESM lexing of them (@snn/simulator/cjs-hooks)
(await import('@snn/simulator/cjs-hooks')).registerCjsHooks();
const { runCli } = await import('./index.js');
const imported = performance.now() / 1000;

process.exitCode = await runCli(process.argv.slice(2), undefined, { startup, import: imported - startup });

export {};
