// The tutorial's six modes on the tutorial CNN, against SpikingJelly 0.0.0.0.14 on the same model, split and calibration.
import { anchorTable, fixture, pct, snn, table } from '../lib.mjs';

const MODES = ['max', '99.9%', '1/2', '1/3', '1/4', '1/5'];
const TS = [4, 8, 16, 32, 50, 64, 100, 200];

export default {
  id: 'tutorial',
  legacyHeading: 'Tutorial CNN',
  title: 'Tutorial CNN (`mnist_cnn_mnist.onnx`, PyTorch ANN 97.31%), embedded MNIST, 2,004 test images',
  async run(log) {
    const r = snn(
      ['eval', fixture('mnist_cnn_mnist.onnx'), '--data', 'mnist', '--validation', 'off', ...MODES.flatMap((m) => ['--mode', m]), '--T', TS.join(',')],
      log,
    );
    const sj = anchorTable('## SpikingJelly on our own fixture');
    const sjRow = (mode) => sj.rows.find((row) => row[0] === mode);
    const rows = r.snn.map((s) => [s.mode, ...TS.map((t) => `${pct(s.accuracy[t])} (${sjRow(s.mode)?.[sj.head.indexOf(`T=${t}`)] ?? '–'})`)]);
    return `SpikingJelly-compatible conversion (per-batch statistic with EMA momentum 0.1, IF output layer,
V₀ = 0) calibrated, as SpikingJelly was, on all ${r.calibration.n.toLocaleString('en-US')} training images
in its order perm[i] = (i·7919) mod n, batch 100 (\`--validation off\`: these modes choose nothing);
constant analog input, outputs summed over t. ANN accuracy **${pct(r.ann.accuracy)}%** (${r.ann.accuracy}).
SNN test accuracy (%), ours vs SpikingJelly 0.0.0.0.14 (ANCHORS.md) in brackets:

${table(['mode', ...TS.map((t) => `T=${t}`)], rows)}`;
  },
};
