// Worker-thread entry (Node) of the ANN worker (ann-thread.ts). A worker does not get the main thread's
// module hooks: registering them here first (@snn/simulator/cjs-hooks) makes tfjs' CommonJS bundles load
// through require (a worker's start to its first reply, loaded machine, 8 alternating starts: 464–822 ms
// without, 160–557 ms with; .tmp/wstart.mjs), then the worker's body is imported. SNN_CJS_HOOKS=off skips it.
(await import('@snn/simulator/cjs-hooks')).registerCjsHooks();
// a computed specifier: the bundler leaves this import alone, so the body loads after the hooks
await import(new URL('./ann-worker-main.js', import.meta.url).href);

export {};
