import { MAX_OPSET, MIN_OPSET, supportedOps } from '@snn/onnx';
import type { Command } from '../registry.js';

/** `snn ops`: the ONNX ops the importer supports (its handler registry, so the list cannot drift), one per line with its note. */
export const opsCommand: Command = {
  name: 'ops',
  summary: 'list the ONNX ops the importer supports',
  usage: 'ops',
  positionals: { min: 0, max: 0, names: 'no arguments' },
  async run({ io }) {
    const ops = supportedOps();
    const w = Math.max(...ops.map((o) => o.op.length));
    io.stdout(
      `ONNX ops supported at opsets ${MIN_OPSET}–${MAX_OPSET} (default domain):\n${ops.map((o) => `${o.op.padEnd(w)}  ${o.note}`.trimEnd()).join('\n')}\n`,
    );
  },
};
