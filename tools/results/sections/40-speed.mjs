// Simulation speed: the simulator's benchmark (same-process ratios against the reference path).
import { run } from '../lib.mjs';

export default {
  id: 'speed',
  legacyHeading: 'Simulation speed',
  title: 'Simulation speed (`pnpm bench`, packages/simulator)',
  async run(log) {
    const out = run(['node', 'packages/simulator/bench/simulate.bench.mjs'], log);
    const lines = out.trim().split('\n');
    return `Tutorial CNN converted with 99.9%, wasm, all paths in one run (the reference path is the baseline);
the benchmark's own table and summary:

${lines.filter((l) => !l.startsWith('{')).join('\n')}`;
  },
};
