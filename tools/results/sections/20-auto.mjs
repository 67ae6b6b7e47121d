// `auto` on every ONNX fixture the done-when names; its choices are made on the validation split, never the test split.
import { COST_IMAGES, VALIDATION_RACE_IMAGES } from '@snn/cli';
import { AUTO_READOUT_DELAYS, autoRecipe, biasCorrectionSteps, DEFAULT_BIAS_CORRECTION_SAMPLES, RACE_FIRST_IMAGES, RACE_Z } from '@snn/converter';
import { anchorTable, fixture, pct, table } from '../lib.mjs';
import { RUNS, snnSaved } from '../saved-runs.mjs';

export const TS = [4, 8, 16, 32, 64, 200];
/**
 * Sized for the shared 2-core machine: class-stratified, seeded subsets (stated in the table), except the
 * three max-pool fixtures, scored on the whole 10,000-image test split: issue 12's max-pool checks (T=32 → T=200
 * without loss) compare readings a few images apart, and on 1,000 images one image decided them (maxpool_ceil
 * 88.10 → 88.00, one standard error ±1.0 point); on 10,000 the error is ±0.33.
 */
export const MODELS = [
  { name: 'mnist_cnn_mnist', data: 'mnist', what: 'tutorial CNN', test: 2004, calibrate: undefined },
  { name: 'mlp_mnist', data: 'mnist', what: 'MLP', test: 2004, calibrate: undefined },
  { name: 'resnet_fashion', data: 'fashion-mnist', what: 'Fashion ResNet (residual Add, stride-2 projection)', test: 1000, calibrate: 3000 },
  { name: 'vgg_fashion', data: 'fashion-mnist', what: 'Fashion VGG, two MaxPools', test: 1000, calibrate: 3000 },
  { name: 'maxpool_relu', data: 'fashion-mnist', what: 'MaxPool after ReLU', test: 10000, calibrate: 3000 },
  { name: 'maxpool_dropout', data: 'fashion-mnist', what: 'MaxPool after Dropout', test: 10000, calibrate: 3000 },
  { name: 'maxpool_ceil', data: 'fashion-mnist', what: 'MaxPool with ceil_mode', test: 10000, calibrate: 3000 },
];

/** Model `m`'s `snn eval` arguments and the file its JSON is saved to (the max-pool section reads its three back). */
export const autoRun = (m) => ({
  args: [
    'eval',
    fixture(`${m.name}.onnx`),
    '--data',
    m.data,
    '--mode',
    'auto',
    '--T',
    TS.join(','),
    '--limit',
    String(m.test),
    ...(m.calibrate ? ['--calibrate', String(m.calibrate)] : []),
  ],
  out: `${RUNS}/auto-${m.name}.json`,
});

/** `name picked (label acc%, …)` for each choice: the validation mean over its Ts. */
const choices = (s) =>
  (s.choices ?? [])
    .map(
      (c) =>
        `${c.name}: ${c.picked} (${
          Object.entries(c.scores)
            .map(([k, v]) => `${k} ${pct(v)}${c.race ? ` on ${c.race.images[k]}` : ''}`)
            .join(', ') || c.by
        }${c.race ? `; ${c.race.why}` : ''})`,
    )
    .join('; ');

/** Spikes and SOPs per image of the picked candidate at each scored T (validation images, from the simulator's monitors). */
const cost = (s) => {
  const last = (s.choices ?? []).at(-1);
  const d = last?.details?.[last.picked];
  if (!d?.spikesPerImage) return '–';
  return Object.keys(d.accuracy)
    .map((t) => `T=${t}: ${Math.round(d.spikesPerImage[t]).toLocaleString('en-US')} spikes, ${(d.sopsPerImage[t] / 1e6).toFixed(2)} M SOP`)
    .join('; ');
};

export default {
  id: 'auto',
  title: '`auto` on every ONNX fixture (choices on the validation split; test images only report)',
  async run(log) {
    const rows = [];
    const checks = [];
    for (const m of MODELS) {
      const { args, out } = autoRun(m);
      const r = snnSaved(args, log, out);
      const a = r.snn[0].accuracy;
      const ann = r.ann.accuracy;
      rows.push([`${m.what} (\`${m.name}\`), ${r.subset.n} test images`, pct(ann), ...TS.map((t) => pct(a[t])), choices(r.snn[0]), cost(r.snn[0])]);
      const ok = (b) => (b ? 'holds' : '**fails**');
      checks.push(
        `- ${m.name}: T=8 ≥ ANN − 1: ${ok(a[8] >= ann - 0.01)}; T=32 ≥ ANN − 0.5: ${ok(a[32] >= ann - 0.005)}; T=200 ≥ T=32 − 0.2: ${ok(a[200] >= a[32] - 0.002)}`,
      );
      if (m.name === 'mnist_cnn_mnist') {
        const head = anchorTable('## SpikingJelly HEAD');
        const best = (t) => Math.max(...head.rows.map((row) => Number(row[head.head.indexOf(`T=${t}`)])));
        checks.push(
          `  - against SpikingJelly HEAD's best recipe (docs/ANCHORS.md): ${[4, 8, 16, 32].map((t) => `T=${t} ${pct(a[t])} vs ${best(t)}`).join(', ')}`,
        );
      }
    }
    return `\`auto\` = per-channel thresholds minimising the T-step expression error over the calibration images, V₀ = θ/2,
sequential bias correction (${DEFAULT_BIAS_CORRECTION_SAMPLES} images: a class-stratified, seeded subset of the calibration images) with potential calibration (each layer's error split into a persistent
part per step, and a start-up charge put into the V₀ of the IF neurons it drives; the persistent part drives those neurons for the
steps it was measured over and then stops, so that the large-T limit is the uncorrected network's; a layer that feeds the accumulating
output keeps it as a bias; bias correction also reaches IF neurons through residual Adds), accumulating output layer, searched on the validation split (a class-stratified, seeded 10% of the
training split that calibration never sees). \`snn eval --mode auto --T ${TS.join(',')}\`
tunes \`auto\` for the T it is read at: T₀ = ${Math.min(...TS)}, the shortest listed; thresholds for 4T₀ (the default: the list reaches 4T₀) or T₀;
bias correction with ½ the start-up charge in V₀ (measured over ${biasCorrectionSteps(Math.min(...TS))} steps and fading after them, the default) or off; the readout summed from step
${AUTO_READOUT_DELAYS.map((k) => k + 1).join(', ')} (a delayed readout; from step 1 the default). The options of each choice are
raced on the validation images, paired: each image's correctness averaged over the listed T (${TS.join(', ')}, one simulation of ${Math.max(...TS)} steps),
a challenger against the default image by image (z = Σd/√Σd²); the default stays unless a challenger's z ≥ ${RACE_Z}, every option is scored on the
first ${RACE_FIRST_IMAGES} images of a class-stratified seeded order, and the images double (up to ${VALIDATION_RACE_IMAGES.toLocaleString('en-US')}) only while a challenger is ahead
but not beyond the noise; a challenger whose accuracy falls as T grows (its accuracy at ${Math.max(...TS)} below a shorter T's, z ≥ ${RACE_Z}) is out,
and a default that falls so (judged on all the validation images the race may score, as a lead is) gives way to a challenger that does not, unless that one is worse beyond the noise.
The choices column gives each option's validation accuracy (mean over the T, on the images it was scored on) and the race's verdict. Calibration: a class-stratified, seeded subset of ${autoRecipe().calibrationSamples.toLocaleString('en-US')} of the other training images
(seed 0), or the stated stratified subset (\`--calibrate\`, all of it). Spikes and SOPs per image of the pick are measured on
${COST_IMAGES} validation images by the simulator's \`synapticOps\` monitor.

${table(['model', 'ANN', ...TS.map((t) => `T=${t}`), 'choices (validation accuracy %)', 'cost of the pick (validation)'], rows)}

Done-when checks on these test subsets:
${checks.join('\n')}`;
  },
};
