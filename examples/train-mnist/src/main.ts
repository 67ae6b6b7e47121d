// Trains SpikingJelly's tutorial CNN on the embedded MNIST (7,996 / 2,004) on wasm: 10 epochs,
// Adam 1e-3, batch 100. Saves the model to out/model and prints, as its last line, one JSON object
// {"testAccuracy": a, "epochSeconds": [...]}. SNN_EPOCHS and SNN_SEED override epochs and seed.
// The training is `snn demo`'s own (`trainTutorialCnn` from @snn/cli, default seed 5: its TSDoc says
// why seed 0 stalls).
import { fileURLToPath } from 'node:url';
import { initBackend } from '@snn/backend';
import { loadEmbeddedMnist } from '@snn/datasets';
import { writeGraph } from '@snn/graph';
import { trainTutorialCnn } from '@snn/cli';

const epochs = Number(process.env.SNN_EPOCHS ?? 10);
const seed = process.env.SNN_SEED === undefined ? undefined : Number(process.env.SNN_SEED);
const outDir = fileURLToPath(new URL('../out/model', import.meta.url));
const tty = process.stderr.isTTY;

const { backend } = await initBackend('wasm');
const data = await loadEmbeddedMnist();
console.log(
  `backend ${backend}; MNIST ${data.train.n} train / ${data.test.n} test; tutorial CNN (seed ${seed ?? '5, the default'}), ${epochs} epochs, Adam 1e-3, batch 100`,
);

const {
  graph,
  testAccuracy,
  epochs: reports,
} = await trainTutorialCnn(data, {
  epochs,
  seed,
  onBatch: ({ epoch, batch, batches, loss }) => {
    if (tty) process.stderr.write(`\repoch ${epoch}/${epochs}  batch ${batch}/${batches}  loss ${loss.toFixed(4)}   `);
    else if (batch % 20 === 0 || batch === batches) process.stderr.write(`epoch ${epoch}/${epochs}  batch ${batch}/${batches}  loss ${loss.toFixed(4)}\n`);
  },
  onEpoch: (r) => {
    if (tty) process.stderr.write('\r\x1b[K');
    console.log(`epoch ${r.epoch}/${epochs}: loss ${r.loss.toFixed(4)}, test accuracy ${(100 * r.testAccuracy).toFixed(2)}%, ${r.seconds.toFixed(2)} s`);
  },
});

const paths = await writeGraph(graph, outDir);
graph.dispose();
console.log(`saved ${paths.json} and ${paths.weights}`);
console.log(JSON.stringify({ testAccuracy, epochSeconds: reports.map((r) => Number(r.seconds.toFixed(3))) }));
