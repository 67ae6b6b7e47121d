// The residual and VGG-style Fashion-MNIST fixtures with max, 99.9% and auto.
import { choiceText, fixture, pct, snn, table } from '../lib.mjs';

const MODELS = [
  ['resnet_fashion', 'residual Add, 1×1 stride-2 projection, GlobalAveragePool'],
  ['vgg_fashion', 'MaxPool after Conv → ReLU'],
];
const MODES = ['max', '99.9%', 'auto'];
const TS = [8, 16, 32];
/** Sized for the shared 2-core machine (the full splits took over an hour): stratified, seeded subsets. */
const TEST = 1000;
const CALIBRATE = 3000;
const VALIDATION = '1%';

export default {
  id: 'fashion',
  title: `Fashion-MNIST (Debian's dataset-fashion-mnist), ${TEST.toLocaleString('en-US')} of the 10,000 test images (class-stratified, seeded)`,
  async run(log) {
    const rows = [];
    let last;
    for (const [name, what] of MODELS) {
      const r = snn(
        [
          'eval',
          fixture(`${name}.onnx`),
          '--data',
          'fashion-mnist',
          ...MODES.flatMap((m) => ['--mode', m]),
          '--T',
          TS.join(','),
          '--limit',
          String(TEST),
          '--calibrate',
          String(CALIBRATE),
          '--validation',
          VALIDATION,
        ],
        log,
      );
      for (const [i, s] of r.snn.entries())
        rows.push([i ? '' : `${name} (${what})`, i ? '' : pct(r.ann.accuracy), s.mode, ...TS.map((t) => pct(s.accuracy[t])), choiceText(s) || '–']);
      last = r;
    }
    return `Fixtures exported and trained by \`tools/fixtures/export_fixtures.py\` (2 epochs, Adam 1e-3). Test images: a
class-stratified, seeded subset (${last.subset.n.toLocaleString('en-US')} of ${last.subset.of.toLocaleString('en-US')}, seed ${last.subset.seed}); calibration on ${last.calibration.n.toLocaleString('en-US')} training
images (class-stratified, seed ${last.calibration.seed}, of the ${last.calibration.of.toLocaleString('en-US')} left after the validation part), walked in SpikingJelly's order;
${last.validation.n.toLocaleString('en-US')} images (a stratified, seeded ${100 * last.validation.fraction}% of the training split) held out for \`auto\`'s choices.
Subsets rather than the full splits so that the section regenerates in minutes on the shared machine.

${table(['model', 'ANN', 'mode', ...TS.map((t) => `T=${t}`), 'choices on validation (accuracy %)'], rows)}`;
  },
};
