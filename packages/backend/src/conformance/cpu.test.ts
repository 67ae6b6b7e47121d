import { conformanceSuite } from './suite.js';

conformanceSuite('cpu');
