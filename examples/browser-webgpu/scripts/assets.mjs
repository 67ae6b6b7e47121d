// Writes what the page fetches into public/gen/ (Vite copies it to dist/gen/):
//   model.onnx   the tutorial CNN (the ONNX fixture trained on the embedded MNIST split)
//   calib.snnm   200 training images, 20 of each digit drawn with a seeded permutation (encodeDigitSet format)
//   test.snnm    100 test images, 10 of each digit, drawn the same way (the page's gallery, in digit order)
//   wasm/*.wasm  tfjs-backend-wasm's binaries (the wasm backend fetches them at run time)
// The browser test reads the same files from dist/gen/ for its Node reference.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { EMBEDDED_TRAIN_FRACTION, encodeDigitSet, readEmbeddedMnistDigits, seededPermutation } from '@snn/datasets';

const here = resolve(import.meta.dirname, '..');
const out = join(here, 'public', 'gen');
mkdirSync(join(out, 'wasm'), { recursive: true });

const CALIB_PER_DIGIT = 20;
const TEST_PER_DIGIT = 10;
/** Seeds of the two draws (one per part; each digit's draw adds the digit). */
const SEED = { train: 2024, test: 7 };

copyFileSync(join(here, '..', '..', 'packages', 'onnx', 'test', 'fixtures', 'mnist_cnn_mnist.onnx'), join(out, 'model.onnx'));

const wasmDist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
const wasmFiles = readdirSync(wasmDist).filter((f) => f.endsWith('.wasm'));
if (wasmFiles.length === 0) throw new Error(`no .wasm files in ${wasmDist}`);
for (const f of wasmFiles) copyFileSync(join(wasmDist, f), join(out, 'wasm', f));

const { digits, rows, cols } = await readEmbeddedMnistDigits();
const per = rows * cols;
// Each digit's images split at EMBEDDED_TRAIN_FRACTION (as @snn/datasets does); `count` of a part
// are taken in the order of a seeded permutation of that part.
const slice = (part, count) =>
  digits.map((d, digit) => {
    const n = d.length / per;
    const cut = Math.floor(EMBEDDED_TRAIN_FRACTION * n);
    const [start, size] = part === 'train' ? [0, cut] : [cut, n - cut];
    const order = seededPermutation(size, SEED[part] + digit).slice(0, count);
    const out = new Float32Array(count * per);
    order.forEach((k, i) => {
      out.set(d.subarray((start + k) * per, (start + k + 1) * per), i * per);
    });
    return out;
  });
writeFileSync(join(out, 'calib.snnm'), encodeDigitSet({ digits: slice('train', CALIB_PER_DIGIT), rows, cols }));
writeFileSync(join(out, 'test.snnm'), encodeDigitSet({ digits: slice('test', TEST_PER_DIGIT), rows, cols }));
console.log(`assets: model.onnx, calib.snnm (${10 * CALIB_PER_DIGIT}), test.snnm (${10 * TEST_PER_DIGIT}), ${wasmFiles.length} .wasm files → ${out}`);
