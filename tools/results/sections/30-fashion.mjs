// The residual and VGG-style Fashion-MNIST fixtures with max, 99.9% and auto.
import { fixture, pct, snn, table } from '../lib.mjs';

const MODELS = [
  ['resnet_fashion', 'residual Add, 1×1 stride-2 projection, GlobalAveragePool'],
  ['vgg_fashion', 'MaxPool after Conv → ReLU'],
];
const MODES = ['max', '99.9%', 'auto'];
const TS = [8, 16, 32];

export default {
  id: 'fashion',
  legacyHeading: 'Fashion-MNIST',
  title: "Fashion-MNIST (Debian's dataset-fashion-mnist), 2,000 of the 10,000 test images",
  async run(log) {
    const rows = [];
    let last;
    for (const [name, what] of MODELS) {
      const r = snn(
        ['eval', fixture(`${name}.onnx`), '--data', 'fashion-mnist', ...MODES.flatMap((m) => ['--mode', m]), '--T', TS.join(','), '--limit', '2000'],
        log,
      );
      for (const [i, s] of r.snn.entries())
        rows.push([i ? '' : `${name} (${what})`, i ? '' : pct(r.ann.accuracy), s.mode, ...TS.map((t) => pct(s.accuracy[t]))]);
      last = r;
    }
    return `Fixtures exported and trained by \`tools/fixtures/export_fixtures.py\` (2 epochs, Adam 1e-3). Test images: a
class-stratified, seeded subset (${last.subset.n} of ${last.subset.of}, seed ${last.subset.seed}); calibration on ${last.calibration.n.toLocaleString('en-US')} training
images in SpikingJelly's order, the other ${last.validation.n.toLocaleString('en-US')} (a stratified ${100 * last.validation.fraction}%) held out for \`auto\`'s choices.

${table(['model', 'ANN', 'mode', ...TS.map((t) => `T=${t}`)], rows)}`;
  },
};
