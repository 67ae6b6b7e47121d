// `auto` and its variants on the tutorial CNN; their choices are made on the validation split, never the test split.
import { anchorTable, choiceText, fixture, pct, snn, table } from '../lib.mjs';

const cnn = fixture('mnist_cnn_mnist.onnx');
const TS = [4, 8, 16, 32, 64, 200];
const SHORT = [4, 8, 16];

export default {
  id: 'auto',
  title: 'Beyond the tutorial: `auto` and its variants (tutorial CNN, embedded MNIST)',
  async run(log) {
    const main = snn(['eval', cnn, '--data', 'mnist', '--mode', 'auto', '--mode', 'auto@8', '--mode', 'robust-halfv0', '--T', TS.join(',')], log);
    const bc512 = snn(['eval', cnn, '--data', 'mnist', '--mode', 'auto', '--bias-correction', '512', '--T', SHORT.join(',')], log);
    const bcOff = snn(['eval', cnn, '--data', 'mnist', '--mode', 'auto', '--bias-correction', 'off', '--T', SHORT.join(',')], log);
    const label = {
      auto: 'auto (tuned for T=16, the default)',
      'auto@8': 'auto@8',
      'robust-halfv0': 'robust-halfv0 (99.9% exact statistics, V₀ = θ/2, accumulating output)',
    };
    const rows = [
      ...main.snn.map((s) => [label[s.mode] ?? s.mode, ...TS.map((t) => pct(s.accuracy[t])), choiceText(s) || '–']),
      ['auto, bias correction on exactly 512 images', ...TS.map((t) => (SHORT.includes(t) ? pct(bc512.snn[0].accuracy[t]) : '')), '–'],
      ['auto, bias correction off', ...TS.map((t) => (SHORT.includes(t) ? pct(bcOff.snn[0].accuracy[t]) : '')), '–'],
    ];
    const sj = anchorTable('## SpikingJelly on our own fixture');
    const best = (t) => Math.max(...sj.rows.map((r) => Number(r[sj.head.indexOf(`T=${t}`)])));
    const head = anchorTable('## SpikingJelly HEAD');
    const cw = head.rows.find((r) => r[0].startsWith('channel-wise'));
    const v = main.validation;
    return `\`auto\` = per-channel thresholds minimising the T-step expression error over the calibration images,
V₀ = θ/2, sequential bias correction (256 images unless \`--bias-correction N\`), accumulating output layer;
whether to correct biases is chosen by SNN accuracy at the recipe's T on the validation split: a
class-stratified, seeded ${100 * v.fraction}% of the training split (${v.n} of ${v.of} images, seed ${v.seed}) that
calibration never sees (it sees the other ${main.calibration.n}). ANN ${pct(main.ann.accuracy)}% on the 2,004 test images.

${table(['recipe', ...TS.map((t) => `T=${t}`), 'choices on validation (accuracy %)'], rows)}

SpikingJelly 0.0.0.0.14's best mode on this model reaches ${best(8)}% at T = 8 and ${best(16)}% at T = 16;
SpikingJelly HEAD's best recipe (channel-wise + half threshold) ${cw[2]}% and ${cw[3]}% (ANCHORS.md).`;
  },
};
