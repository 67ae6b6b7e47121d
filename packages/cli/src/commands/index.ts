import type { Command } from '../registry.js';
import { convertCommand } from './convert.js';
import { demoCommand } from './demo.js';
import { evalCommand } from './eval.js';
import { inferCommand } from './infer.js';
import { opsCommand } from './ops.js';
import { summaryCommand } from './summary.js';
import { sweepCommand } from './sweep.js';
import { trainCommand } from './train.js';
import { workerCommand } from './worker.js';

/** The built-in commands, registered by `index.ts` in this order (the order `snn --help` lists). */
export const builtinCommands: Command[] = [
  summaryCommand,
  inferCommand,
  convertCommand,
  evalCommand,
  demoCommand,
  trainCommand,
  sweepCommand,
  workerCommand,
  opsCommand,
];
