// Worker-thread entry (Node) of the simulation pool (pool.ts). A worker does not get the main thread's
// module hooks: it registers cjs-hooks.js first, so that tfjs' CommonJS bundles load through require
// (not lexed: about 0.3 CPU-s per worker start), then imports its body, worker-main.js. Both by computed
// specifiers: the bundler leaves them alone (the hooks module registers itself by its own URL).
const hooks: typeof import('./cjs-hooks.js') = await import(new URL('./cjs-hooks.js', import.meta.url).href);
hooks.registerCjsHooks();
await import(new URL('./worker-main.js', import.meta.url).href);

export {};
