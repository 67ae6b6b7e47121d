// The page's Web Worker: tfjs (WebGPU or wasm), the conversion and every simulation run here, so the
// main thread never waits on them. The page talks to it through comlink (`Remote<SnnApi>`).
import { expose } from 'comlink';
import { SnnApi } from './worker-api.js';

expose(new SnnApi());
