// Speed: the simulator's benchmark (same-process ratios against the reference path), then the whole
// process of `snn eval … --mode 99.9% --T 64` against its PyTorch peer in one run (tools/torch-bench).
import { run } from '../lib.mjs';

export default {
  id: 'speed',
  last: true, // run after the accuracy sections: a long run cut short keeps them
  legacyHeading: 'Simulation speed',
  title: 'Simulation speed (`pnpm bench`, packages/simulator) and the whole process against PyTorch',
  async run(log) {
    const out = run(['node', 'packages/simulator/bench/simulate.bench.mjs'], log);
    const lines = out.trim().split('\n');
    // one pair by default (the PyTorch side takes minutes): SNN_WP_ROUNDS=3 for three
    const whole = run(['node', 'tools/torch-bench/whole-process.mjs', '--rounds', process.env.SNN_WP_ROUNDS ?? '1'], log);
    const auto = run(['node', 'tools/torch-bench/auto-convert.mjs', '--rounds', '3'], log);
    return `Tutorial CNN converted with 99.9%, wasm, all paths in one run (the reference path is the baseline);
the benchmark's own table and summary:

${lines.filter((l) => !l.startsWith('{')).join('\n')}

Whole process, \`snn eval mnist_cnn_mnist.onnx --data mnist --mode 99.9% --T 64\` (2,004 test images,
calibration on the 7,196 training images less the validation part) against the same work in plain
PyTorch (\`tools/torch-bench/whole_process.py\`: import, ONNX, the embedded MNIST, ANN pass, 99.9 %
calibration, the IF loop of \`if_loop.py\`, 2 threads; SpikingJelly is not installed here, so the
PyTorch IF loop is the stand-in), alternating when more than one pair, each process timed from outside.
snn-ts runs the ANN's test pass and about half of the calibration batches on a worker thread while the main
thread calibrates (the thresholds equal those of one thread), so its \`ann\` row is only the time the main
thread waited for that pass:

${whole
  .trim()
  .split('\n')
  .filter((l) => !l.startsWith('{'))
  .join('\n')}

\`auto\` (\`tools/torch-bench/auto-convert.mjs\`): the \`convert\` phase of \`snn eval … --mode auto --T 16\` (calibration,
thresholds, bias correction and the validation race, whose images double while a challenger is ahead but not beyond the noise;
the ANN test pass runs beside it on a worker thread), and the whole
\`snn convert … --mode auto\` process (tuned for T = 16, scored at 8, 16, 32 and 128), each process timed from outside, alternating:

${auto
  .trim()
  .split('\n')
  .filter((l) => !l.startsWith('{'))
  .join('\n')}`;
  },
};
