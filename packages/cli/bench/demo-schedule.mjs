// The demo's training schedule against the tutorial's: the tutorial CNN trained on the embedded MNIST
// training split less its 10 % validation part (as `snn demo` trains), scored on that validation part
// after every epoch (never on test), with the CPU seconds of the whole run (both threads).
// Run (after build): node packages/cli/bench/demo-schedule.mjs [EPOCHS:LR:SCHEDULE ...]
// default: the tutorial's 10:0.001:constant, then the demo's 4:0.003:one-cycle. Prints one line per run.
import { initBackend } from '@snn/backend';
import { loadEmbeddedMnist, VALIDATION_FRACTION } from '@snn/datasets';
import { holdOutValidation, trainTutorialCnn } from '../dist/index.js';

await initBackend('wasm');
const data = await loadEmbeddedMnist();
const { rest, validation } = holdOutValidation(data.train, VALIDATION_FRACTION);
const specs = process.argv.slice(2);
for (const spec of specs.length ? specs : ['10:0.001:constant', '4:0.003:one-cycle']) {
  const [epochs, lr, schedule] = spec.split(':');
  const c0 = process.cpuUsage();
  const r = await trainTutorialCnn({ train: rest, test: validation }, { epochs: Number(epochs), lr: Number(lr), schedule, threads: 2 });
  const c = process.cpuUsage(c0);
  const val = r.epochs.map((e) => (100 * e.testAccuracy).toFixed(2)).join(' ');
  console.log(`${spec}: validation accuracy per epoch (${validation.n} images) ${val}; CPU ${((c.user + c.system) / 1e6).toFixed(1)} s`);
  r.graph.dispose();
}
