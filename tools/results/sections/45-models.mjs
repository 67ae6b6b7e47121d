// Bigger models (#19): the simulator's models bench — snn-ts against a plain PyTorch IF loop on the same ONNX
// weights, images and T, both on 2 threads, in one run; the per-kernel profile and the machine's measured peak.
import { run } from '../lib.mjs';

export default {
  id: 'models',
  last: true, // a speed figure: retaken on a quiet machine, after the accuracy sections
  title: 'Bigger models against a PyTorch IF loop (`bench/models.bench.mjs`, packages/simulator)',
  async run(log) {
    const out = run(['env', 'SNN_BENCH_MODELS=resnet,vgg32', 'node', 'packages/simulator/bench/models.bench.mjs'], log);
    const report = out
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('{'))
      .join('\n');
    return `The Fashion ResNet (residual Add, stride-2 projection) and a wide VGG-style net (W=32,
\`tools/fixtures/export_wide_vgg.py\`; their MACs per image·step are in the table), each converted once with 99.9 % and
simulated by both sides from the same thresholds. The ratio is snn-ts ÷ the PyTorch IF loop
(\`tools/torch-bench/if_loop.py\`; SpikingJelly is not installed here). The kernel table comes from one more
snn-ts run of the same images, T and threads with the kernel profile on. It names the kernel that holds each
model back. The peak is a dense SIMD matmul measured in the same run (\`packages/simulator/bench/peak.mjs\`).

${report}`;
  },
};
