// Node side of the PyTorch IF-loop peer (if_loop.py): writes the converted SNN's thresholds and the
// samples where the Python module reads them, runs it, and returns its JSON. Used by the
// simulator's model bench (packages/simulator/bench/models.bench.mjs) and anyone timing a peer.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeNeuronArrays } from '@snn/graph';

const script = fileURLToPath(new URL('./if_loop.py', import.meta.url));

/**
 * θ per IF node of a converted SNN, by node name (= the ONNX Relu's name): one number, or one per
 * channel. Refuses what the plain IF loop does not model (another neuron, hard reset, V₀ ≠ 0,
 * multi-level spikes, unit amplitude), naming the node.
 */
export function ifThresholds(snn) {
  const out = {};
  for (const node of snn.nodes) {
    if (!node.attrs.neuron) continue;
    const p = nodeNeuronArrays(node);
    const v0 = [...p.v0].some((v) => v !== 0);
    if (node.op !== 'IF' || p.vReset !== null || v0 || p.maxSpikes !== 1 || node.attrs.amplitude !== 'threshold')
      throw new Error(`torch-bench: node '${node.name}' (${node.op}) is not an IF neuron with soft reset, V0 = 0, binary spikes and amplitude θ`);
    out[node.name] = p.theta.length === 1 ? p.theta[0] : [...p.theta];
  }
  return out;
}

/** Writes `thresholds.json`, `images.f32` (NHWC float32) and `labels.u8` into `dir`; returns their paths. */
export function writePeerInputs(dir, snn, images, labels) {
  const files = { thresholds: join(dir, 'thresholds.json'), images: join(dir, 'images.f32'), labels: join(dir, 'labels.u8') };
  writeFileSync(files.thresholds, JSON.stringify(ifThresholds(snn)));
  writeFileSync(files.images, Buffer.from(images.buffer, images.byteOffset, images.byteLength));
  writeFileSync(files.labels, Uint8Array.from(labels));
  return files;
}

/**
 * Runs the PyTorch IF loop (Debian's /usr/bin/python3 with torch) on files from {@link writePeerInputs}:
 * `{ onnx, files, shape, T, threads = 2, batch = 100, python = '/usr/bin/python3' }` → its JSON
 * (seconds, image_steps_per_s, correct, accuracy, torch) plus `peakRssMB` of the Python process.
 */
export function runIfLoop({ onnx, files, shape, T, threads = 2, batch = 100, python = '/usr/bin/python3', nice = 0 }) {
  const args = [script, '--onnx', onnx, '--thresholds', files.thresholds, '--images', files.images, '--labels', files.labels];
  args.push('--shape', shape.join(','), '--T', String(T), '--threads', String(threads), '--batch', String(batch));
  const cmd = nice ? 'nice' : python;
  const argv = nice ? ['-n', String(nice), '/usr/bin/time', '-f', 'MAXRSS %M', python, ...args] : ['-f', 'MAXRSS %M', python, ...args];
  const p = spawnSync(nice ? cmd : '/usr/bin/time', argv, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = p.stdout.split('\n').find((l) => l.startsWith('{'));
  if (p.status !== 0 || !line) throw new Error(`torch-bench: if_loop.py failed (status ${p.status}):\n${p.stderr.slice(-2000)}`);
  const rss = /MAXRSS (\d+)/.exec(p.stderr);
  return { ...JSON.parse(line), peakRssMB: rss ? Number(rss[1]) / 1024 : undefined };
}
