// Whole process, snn-ts against PyTorch, in one run: `snn eval <tutorial CNN> --data mnist --mode 99.9%
// --T 64 --profile` and its peer `whole_process.py` (PyTorch: import, ONNX, the same embedded MNIST,
// ANN pass, 99.9 % calibration on as many images, the IF loop of if_loop.py, 2 threads), A B A B …,
// each timed from outside by /usr/bin/time (wall, user + sys CPU, peak RSS). Prints a markdown table:
// a row per phase (each side's own split, medians) and the whole-process row with the ratio per pair.
// Run from the repository root after `pnpm build`: node tools/torch-bench/whole-process.mjs
// Options: --rounds N (pairs; default $SNN_WP_ROUNDS, else 3); env SNN_WP_T (default 64).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

const at = process.argv.indexOf('--rounds');
const rounds = Number(at > 0 ? process.argv[at + 1] : (process.env.SNN_WP_ROUNDS ?? 3));
if (!(Number.isInteger(rounds) && rounds >= 1)) throw new RangeError(`--rounds must be a whole number ≥ 1, got ${process.argv[at + 1]}`);
const T = Number(process.env.SNN_WP_T ?? 64);
const onnx = 'packages/onnx/test/fixtures/mnist_cnn_mnist.onnx';
const sides = {
  'snn-ts': ['node', 'packages/cli/dist/bin.js', 'eval', onnx, '--data', 'mnist', '--mode', '99.9%', '--T', String(T), '--json', '--profile'],
  pytorch: ['/usr/bin/python3', 'tools/torch-bench/whole_process.py', '--onnx', onnx, '--T', String(T), '--threads', '2'],
};

/** One timed process: wall, CPU and peak RSS from /usr/bin/time; its phases and accuracy from its own output. */
function once(name) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', ...sides[name]], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${name} failed (${r.status}): ${r.stderr.slice(-800)}`);
  const [wall, user, sys, rssKb] = r.stderr
    .match(/^TIME (.*)$/m)[1]
    .split(' ')
    .map(Number);
  const phases = {};
  let accuracy;
  if (name === 'snn-ts') {
    // top-level phases, and their sub-phases (indented under them) as parent:sub — e.g. ann:worker, the ANN
    // pass on the worker thread, which overlaps convert (only the top-level rows add up to the wall time)
    let parent = '';
    for (const m of r.stderr.matchAll(/^ {2}( {2})?(\w+) +([\d.]+) s/gm)) {
      if (!m[1]) parent = m[2];
      phases[m[1] ? `${parent}:${m[2]}` : m[2]] = Number(m[3]);
    }
    accuracy = JSON.parse(r.stdout.trim().split('\n').at(-1)).snn[0].accuracy[String(T)];
  } else {
    const j = JSON.parse(r.stdout.trim().split('\n').at(-1));
    Object.assign(phases, j.seconds);
    delete phases.total;
    accuracy = j.snn;
  }
  return { wall, cpu: user + sys, rss: rssKb / 1024, phases, accuracy };
}

const runs = { 'snn-ts': [], pytorch: [] };
const load = [loadavg()[0]];
for (let i = 0; i < rounds; i++) for (const name of Object.keys(sides)) runs[name].push(once(name));
load.push(loadavg()[0]);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ratios = runs.pytorch.map((p, i) => p.wall / runs['snn-ts'][i].wall);
const cpuRatios = runs.pytorch.map((p, i) => p.cpu / runs['snn-ts'][i].cpu);
const f = (x, d = 2) => x.toFixed(d);
const names = (side) => [...new Set(runs[side].flatMap((r) => Object.keys(r.phases)))];
const lines = [
  `| phase (median s of ${rounds}) | snn-ts | PyTorch |`,
  '|---|---|---|',
  ...[...new Set([...names('snn-ts'), ...names('pytorch')])].map((p) => {
    const cell = (side) => (names(side).includes(p) ? f(median(runs[side].map((r) => r.phases[p] ?? 0))) : '');
    return `| ${p} | ${cell('snn-ts')} | ${cell('pytorch')} |`;
  }),
  `| **whole process, wall** | **${f(median(runs['snn-ts'].map((r) => r.wall)))}** | **${f(median(runs.pytorch.map((r) => r.wall)))}** |`,
  `| whole process, CPU (user + sys) | ${f(median(runs['snn-ts'].map((r) => r.cpu)))} | ${f(median(runs.pytorch.map((r) => r.cpu)))} |`,
  `| peak RSS (MB) | ${f(median(runs['snn-ts'].map((r) => r.rss)), 0)} | ${f(median(runs.pytorch.map((r) => r.rss)), 0)} |`,
  `| SNN test accuracy at T=${T} | ${f(100 * runs['snn-ts'][0].accuracy)} % | ${f(100 * runs.pytorch[0].accuracy)} % |`,
  '',
  `PyTorch ÷ snn-ts, whole-process wall, pair by pair: ${ratios.map((r) => f(r)).join(', ')} (median ${f(median(ratios))}×); CPU: median ${f(median(cpuRatios))}×. Load average ${f(load[0])} → ${f(load[1])}.`,
];
console.log(lines.join('\n'));
console.log(JSON.stringify({ T, rounds, ratio: median(ratios), cpuRatio: median(cpuRatios), runs }));
