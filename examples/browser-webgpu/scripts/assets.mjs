// Writes what the page fetches into public/gen/ (Vite copies it to dist/gen/):
//   model.onnx   the tutorial CNN (the ONNX fixture trained on the embedded MNIST split)
//   calib.snnm   200 training images, the first 20 of each digit (encodeDigitSet format)
//   test.snnm    100 test images, the first 10 of each digit
//   wasm/*.wasm  tfjs-backend-wasm's binaries (the wasm backend fetches them at run time)
// The browser test reads the same files from dist/gen/ for its Node reference.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { EMBEDDED_TRAIN_FRACTION, encodeDigitSet, readEmbeddedMnistDigits } from '@snn/datasets';

const here = resolve(import.meta.dirname, '..');
const out = join(here, 'public', 'gen');
mkdirSync(join(out, 'wasm'), { recursive: true });

const CALIB_PER_DIGIT = 20;
const TEST_PER_DIGIT = 10;

copyFileSync(join(here, '..', '..', 'packages', 'onnx', 'test', 'fixtures', 'mnist_cnn_mnist.onnx'), join(out, 'model.onnx'));

const wasmDist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
const wasmFiles = readdirSync(wasmDist).filter((f) => f.endsWith('.wasm'));
if (wasmFiles.length === 0) throw new Error(`no .wasm files in ${wasmDist}`);
for (const f of wasmFiles) copyFileSync(join(wasmDist, f), join(out, 'wasm', f));

const { digits, rows, cols } = await readEmbeddedMnistDigits();
const per = rows * cols;
const slice = (part, count) =>
  digits.map((d) => {
    const n = d.length / per;
    const start = part === 'train' ? 0 : Math.floor(EMBEDDED_TRAIN_FRACTION * n);
    return d.slice(start * per, (start + count) * per);
  });
writeFileSync(join(out, 'calib.snnm'), encodeDigitSet({ digits: slice('train', CALIB_PER_DIGIT), rows, cols }));
writeFileSync(join(out, 'test.snnm'), encodeDigitSet({ digits: slice('test', TEST_PER_DIGIT), rows, cols }));
console.log(`assets: model.onnx, calib.snnm (${10 * CALIB_PER_DIGIT}), test.snnm (${10 * TEST_PER_DIGIT}), ${wasmFiles.length} .wasm files → ${out}`);
