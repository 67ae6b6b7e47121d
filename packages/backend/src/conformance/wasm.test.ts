import { conformanceSuite } from './suite.js';

conformanceSuite('wasm');
