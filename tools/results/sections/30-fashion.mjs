// The residual and VGG-style Fashion-MNIST fixtures with SpikingJelly's max and 99.9% modes. `auto` on the
// same two fixtures, test subset, calibration and validation rule is in the auto section (not run twice).
import { fixture, pct, snn, table } from '../lib.mjs';

const MODELS = [
  ['resnet_fashion', 'residual Add, 1×1 stride-2 projection, GlobalAveragePool'],
  ['vgg_fashion', 'MaxPool after Conv → ReLU'],
];
const MODES = ['max', '99.9%'];
const TS = [8, 16, 32];
/** Sized for the shared 2-core machine (the full splits took over an hour): stratified, seeded subsets. */
const TEST = 1000;
const CALIBRATE = 3000;

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
        ],
        log,
      );
      for (const [i, s] of r.snn.entries())
        rows.push([i ? '' : `${name} (${what})`, i ? '' : pct(r.ann.accuracy), s.mode, ...TS.map((t) => pct(s.accuracy[t]))]);
      last = r;
    }
    return `Fixtures exported and trained by \`tools/fixtures/export_fixtures.py\` (2 epochs, Adam 1e-3). Test images: a
class-stratified, seeded subset (${last.subset.n.toLocaleString('en-US')} of ${last.subset.of.toLocaleString('en-US')}, seed ${last.subset.seed}); calibration on ${last.calibration.n.toLocaleString('en-US')} training
images (class-stratified, seed ${last.calibration.seed}, of the ${last.calibration.of.toLocaleString('en-US')} left after the validation part), walked in SpikingJelly's order;
the ${last.validation.n.toLocaleString('en-US')}-image validation part (a stratified, seeded ${100 * last.validation.fraction}% of the training split) is held out, as for every
\`snn eval\` (these modes choose nothing on it). Subsets rather than the full splits so that the section regenerates
in minutes on the shared machine. \`auto\` on these two fixtures, with the same test subset, calibration and
validation rule, is in the auto section above.

${table(['model', 'ANN', 'mode', ...TS.map((t) => `T=${t}`)], rows)}`;
  },
};
