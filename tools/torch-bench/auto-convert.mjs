// How long `auto` takes to convert, as a user runs it, each process timed from outside:
// `snn eval <tutorial CNN> --data mnist --mode auto --T 16 --profile` (its `convert` phase: calibration,
// thresholds, bias correction and the validation race; the ANN test pass runs beside it on a worker
// thread), `snn convert <tutorial CNN> --data mnist --mode auto --output <tmp>` (the whole process:
// auto tuned for T = 16, scored at 8, 16, 32 and 128) and the same eval of the Fashion ResNet (1,000 test
// images, calibration on 3,000, as the auto section of RESULTS.md runs it). Prints a markdown table
// of the medians and one JSON line. Run from the repository root after `pnpm build`: node tools/torch-bench/auto-convert.mjs
// Options: --rounds N (default 3).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const at = process.argv.indexOf('--rounds');
const rounds = Number(at > 0 ? process.argv[at + 1] : 3);
if (!(Number.isInteger(rounds) && rounds >= 1)) throw new RangeError(`--rounds must be a whole number ≥ 1, got ${process.argv[at + 1]}`);
const onnx = 'packages/onnx/test/fixtures/mnist_cnn_mnist.onnx';
const resnet = 'packages/onnx/test/fixtures/resnet_fashion.onnx';
const dir = mkdtempSync(join(tmpdir(), 'snn-auto-'));
const cli = ['node', 'packages/cli/dist/bin.js'];
const runs = {
  eval: [...cli, 'eval', onnx, '--data', 'mnist', '--mode', 'auto', '--T', '16', '--profile'],
  convert: [...cli, 'convert', onnx, '--data', 'mnist', '--mode', 'auto', '--output', join(dir, 'auto.snn'), '--force', '--profile'],
  resnet: [...cli, 'eval', resnet, '--data', 'fashion-mnist', '--mode', 'auto', '--T', '16', '--limit', '1000', '--calibrate', '3000', '--profile'],
};

/** One timed process: wall and CPU from /usr/bin/time, its phases (top level and indented) from --profile. */
function once(argv) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S', ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-800)}`);
  const [wall, user, sys] = r.stderr
    .match(/^TIME (.*)$/m)[1]
    .split(' ')
    .map(Number);
  const phases = {};
  let parent = '';
  for (const m of r.stderr.matchAll(/^ {2}( {2})?([\w-]+) +([\d.]+) s/gm)) {
    if (!m[1]) parent = m[2];
    phases[m[1] ? `${parent}:${m[2]}` : m[2]] = Number(m[3]);
  }
  return { wall, cpu: user + sys, phases };
}

const load = [loadavg()[0]];
const got = { eval: [], convert: [], resnet: [] };
for (let i = 0; i < rounds; i++) for (const k of Object.keys(runs)) got[k].push(once(runs[k]));
load.push(loadavg()[0]);
rmSync(dir, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const f = (x) => (x === undefined ? '' : x.toFixed(2));
const cell = (k, p) => f(median(got[k].map((r) => r.phases[p] ?? 0)));
const sides = Object.keys(runs);
const lines = [
  `| \`auto\` (median s of ${rounds}) | tutorial CNN, \`snn eval … --mode auto --T 16\` | tutorial CNN, \`snn convert … --mode auto\` | Fashion ResNet, \`snn eval … --mode auto --T 16 --limit 1000 --calibrate 3000\` |`,
  '|---|---|---|---|',
  ...['convert', 'convert:calibrate', 'convert:bias-correction', 'convert:score'].map((p) => `| ${p} | ${sides.map((k) => cell(k, p)).join(' | ')} |`),
  `| whole process, wall | ${sides.map((k) => f(median(got[k].map((r) => r.wall)))).join(' | ')} |`,
  `| whole process, CPU (user + sys) | ${sides.map((k) => f(median(got[k].map((r) => r.cpu)))).join(' | ')} |`,
  '',
  `eval's convert phase, run by run: ${got.eval.map((r) => f(r.phases.convert)).join(', ')} s. Load average ${f(load[0])} → ${f(load[1])}.`,
];
console.log(lines.join('\n'));
console.log(
  JSON.stringify({
    rounds,
    evalConvert: median(got.eval.map((r) => r.phases.convert)),
    convertWall: median(got.convert.map((r) => r.wall)),
    resnetConvert: median(got.resnet.map((r) => r.phases.convert)),
    got,
  }),
);
