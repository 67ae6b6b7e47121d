import { describe, expect, it } from 'vitest';
import { capture, fixture } from '../test/helpers.js';
import { runCli } from './index.js';
import { kernelTable, Profile, profileWanted } from './profile.js';

describe('Profile', () => {
  it('sums phases in first-use order and gives the rest of the wall time as other', () => {
    const p = new Profile();
    p.add('data', 0.5);
    p.add('simulate', 1);
    p.add('simulate', 2);
    p.add('convert:calibrate', 0.25); // a part of convert: shown, not added again
    p.add('convert', 0.5);
    expect(p.list().map((x) => [x.name, x.seconds, x.count])).toEqual([
      ['data', 0.5, 1],
      ['simulate', 3, 2],
      ['convert:calibrate', 0.25, 1],
      ['convert', 0.5, 1],
    ]);
    const text = p.format(5);
    expect(text).toMatch(/^profile: 5\.000 s wall$/m);
    expect(text).toMatch(/^ {2}simulate +3\.000 s +60\.0 % {2}\(2×\)$/m);
    expect(text).toMatch(/^ {2}convert +0\.500 s +10\.0 %\n {4}calibrate +0\.250 s +5\.0 %$/m); // under its parent, though recorded before it
    // 5 − (0.5 + 3 + 0.5) = 1 s not covered by a phase
    expect(text).toMatch(/^ {2}other +1\.000 s +20\.0 %$/m);
  });

  it('is on with --profile or SNN_PROFILE=1 only', () => {
    expect(profileWanted(['eval', 'm.onnx', '--profile'], {})).toBe(true);
    expect(profileWanted(['eval'], { SNN_PROFILE: '1' })).toBe(true);
    expect(profileWanted(['eval'], { SNN_PROFILE: '0' })).toBe(false);
  });
});

describe('snn eval --profile', () => {
  it('prints the whole-process split on stderr: every phase that ran, shares of the wall time', async () => {
    const io = capture();
    const argv = [
      'eval',
      fixture('mnist_cnn_mnist.onnx'),
      '--data',
      'mnist',
      '--mode',
      '99.9%',
      '--T',
      '4',
      '--limit',
      '40',
      '--calibrate',
      '200',
      '--profile',
    ];
    expect(await runCli(argv, io, { startup: 0.1, import: 0.2 })).toBe(0);
    expect(io.out).toMatch(/^99\.9% +T=4 /m);
    const rows = Object.fromEntries([...io.err.matchAll(/^ +(\S+) +([\d.]+) s +([\d.]+) %/gm)].map((m) => [m[1], Number(m[2])]));
    for (const name of ['startup', 'import', 'backend', 'model', 'data', 'ann', 'convert', 'calibrate', 'simulate', 'other'])
      expect(rows[name], name).toBeGreaterThanOrEqual(0);
    expect(rows.startup).toBe(0.1);
    expect(rows.import).toBe(0.2);
    const wall = Number(io.err.match(/^profile: ([\d.]+) s wall$/m)?.[1]);
    const top = ['startup', 'import', 'backend', 'model', 'data', 'ann', 'convert', 'simulate', 'other'].reduce((s, k) => s + rows[k], 0);
    expect(Math.abs(top - wall)).toBeLessThan(0.01);
    // without the flag, nothing of it
    // simulation per layer kind, from the threads that simulated (convolutions and IF neurons at least)
    expect(io.err).toMatch(/^simulation by layer kind: [\d.]+ thread-seconds$/m);
    expect(io.err).toMatch(/^ {2}Conv2d \(/m);
    expect(io.err).toMatch(/^ {2}IF \(/m);
    const quiet = capture();
    expect(await runCli(argv.slice(0, -1), quiet)).toBe(0);
    expect(quiet.err).not.toMatch(/profile:/);
  });
});

describe('kernelTable', () => {
  it('sums the simulation time per layer kind (op and kernel) over nodes and threads, largest first', () => {
    const text = kernelTable([
      { node: 'conv2', op: 'Conv2d', kernel: 'sparse-conv', ms: 300, calls: 4 },
      { node: 'if1', op: 'IF', kernel: 'wasm-if-pool', ms: 100, calls: 4 },
      { node: 'conv3', op: 'Conv2d', kernel: 'sparse-conv', ms: 500, calls: 4 },
      { node: 'if2', op: 'IF', kernel: 'wasm-if-pool', ms: 100, calls: 4 },
    ]);
    // Conv2d: 300 + 500 = 800 of 1000 ms
    expect(text.split('\n')).toEqual([
      'simulation by layer kind: 1.000 thread-seconds',
      '  Conv2d (sparse-conv)    0.800 s  80.0 %  (2 nodes)',
      '  IF (wasm-if-pool)       0.200 s  20.0 %  (2 nodes)',
      '',
    ]);
    expect(kernelTable([])).toBe('');
  });
});
