// Training and inference speed of the tutorial CNN: seconds per training epoch (7,996 images,
// batch 100, Adam — the example's schedule) and forward-only images/s (batch 100, inference mode).
// Run: pnpm --filter @snn/graph bench (after build). SNN_BENCH_BACKEND (default wasm) and
// SNN_BENCH_EPOCHS (default 2) change the run. CPU seconds are reported too: on a busy machine they
// show what the epoch costs without the waiting. Prints one JSON object last.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@snn/backend';
import { createRng, execute, Trainer, trainEpoch, tutorialCnn } from '@snn/graph';

const backend = process.env.SNN_BENCH_BACKEND ?? 'wasm';
const epochs = Number(process.env.SNN_BENCH_EPOCHS ?? 2);
const n = 7996;
const batchSize = 100;
await initBackend(backend);

// Random images and labels: the arithmetic of an epoch does not depend on the values.
const rand = createRng(1);
const images = Float32Array.from({ length: n * 784 }, () => rand());
const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);

const cpuSeconds = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

const initial = tutorialCnn({ seed: 0 });
const trainer = new Trainer(initial, { optimizer: { kind: 'adam', lr: 1e-3 } });
initial.dispose(); // the trainer copied it into variables
const epochSeconds = [];
const epochCpuSeconds = [];
for (let e = 0; e < epochs; e++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  trainEpoch(trainer, { images, labels, n }, { batchSize, seed: e });
  epochSeconds.push((performance.now() - t0) / 1000);
  epochCpuSeconds.push(cpuSeconds(c0));
  console.log(`epoch ${e + 1}/${epochs}: ${epochSeconds.at(-1).toFixed(2)} s (cpu ${epochCpuSeconds.at(-1).toFixed(2)} s)`);
}
const graph = trainer.snapshot();
trainer.dispose();

const x = tf.tensor4d(images.subarray(0, batchSize * 784), [batchSize, 28, 28, 1]);
const forward = () => {
  const { outputs } = execute(graph, x);
  outputs[0].dataSync();
  tf.dispose(outputs);
};
for (let i = 0; i < 3; i++) forward();
const reps = 50;
const t0 = performance.now();
for (let i = 0; i < reps; i++) forward();
const forwardImagesPerSecond = (reps * batchSize) / ((performance.now() - t0) / 1000);
x.dispose();
graph.dispose();

const secondsPerEpoch = Math.min(...epochSeconds);
console.log(
  `${backend}: ${secondsPerEpoch.toFixed(2)} s per training epoch (${n} images, batch ${batchSize}, Adam; cpu ${Math.min(...epochCpuSeconds).toFixed(2)} s); forward ${Math.round(forwardImagesPerSecond)} images/s`,
);
console.log(JSON.stringify({ backend, secondsPerEpoch, epochSeconds, epochCpuSeconds, forwardImagesPerSecond, tensorsLeft: tf.memory().numTensors }));
