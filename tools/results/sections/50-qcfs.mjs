// QCFS (issue 18): the tutorial CNN trained here with QCFS (L = 8) and the one trained in PyTorch
// (tools/fixtures/export_qcfs.py), each converted with `--mode qcfs` (θ = λ, V₀ = θ/2, no calibration).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, pct, root, snn, table } from '../lib.mjs';

const TS = [1, 2, 4, 8, 16, 32];
const MODEL = '.tmp/results/qcfs-cnn';
const train = ['train', '--data', 'mnist', '--activation', 'qcfs:8', '--epochs', '10', '--seed', '5', '--output', MODEL];

const gap = (a, ann) => `${pct(a)} (${(100 * (a - ann)).toFixed(2)})`;
const holds = (ok, text) => `- ${ok ? 'holds' : '**does not hold**'}: ${text}`;

export default {
  id: 'qcfs',
  title: 'QCFS: trained for conversion, converted without calibration (tutorial CNN, embedded MNIST)',
  async run(log) {
    const reused = existsSync(join(root, MODEL, 'graph.json'));
    if (reused) log.push(`snn ${train.join(' ')}   # skipped: ${MODEL} exists (delete it to retrain)`);
    else snn(train, log);
    const here = snn(['eval', MODEL, '--data', 'mnist', '--validation', 'off', '--mode', 'qcfs', '--T', TS.join(',')], log);
    const torch = snn(['eval', fixture('qcfs_cnn_mnist.onnx'), '--data', 'mnist', '--validation', 'off', '--mode', 'qcfs', '--T', TS.join(',')], log);
    const row = (label, r) => [label, pct(r.ann.accuracy), ...TS.map((t) => gap(r.snn[0].accuracy[t], r.ann.accuracy))];
    const a = (r, t) => r.snn[0].accuracy[t] - r.ann.accuracy;
    return `QCFS, y = λ·clip(⌊x·L/λ + ½⌋/L, 0, 1) (Bu et al. 2022), in place of the three hidden ReLUs, L = 8,
one learnable λ per layer, straight-through gradient for the floor; the model ends at the Linear (no
output ReLU). \`--mode qcfs\`: each QCFS becomes an IF neuron with θ = λ and V₀ = θ/2, no calibration;
accumulating output layer; constant analog input; binary spikes. SNN test accuracy (%) on the 2,004
test images, and in brackets its difference to the model's own (QCFS) ANN:

${table(['model', 'ANN', ...TS.map((t) => `T=${t}`)], [row('trained here (`snn train`, 10 epochs)', here), row('trained in PyTorch (`qcfs_cnn_mnist.onnx`, 4 epochs)', torch)])}

${holds(a(here, 4) >= -0.003, 'trained here, SNN at T=4 ≥ ANN − 0.3 points')}
${holds(a(here, 2) >= -0.01, 'trained here, SNN at T=2 ≥ ANN − 1 point')}
${holds(a(torch, 4) >= -0.01, 'trained in PyTorch (ONNX), SNN at T=4 ≥ ANN − 1 point')}

With binary spikes an IF neuron fed a constant input for T steps reproduces a QCFS with T levels, not
L: below T = L the SNN scores what the ANN scores with L set to T (checked on 800 training images:
ANN with L = 4 and the SNN at T = 4 both 72.00 % for the model trained here), and at T = L the
first layer is exact while deeper layers, whose input varies over time, lose about a point.
The ONNX model is made by \`/usr/bin/python3 tools/fixtures/export_qcfs.py\` (trains in PyTorch).`;
  },
};
