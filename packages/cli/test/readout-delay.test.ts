// --readout-delay end to end: the converted SNN carries its delay through --output, and eval reports it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/index.js';
import { capture, fixture } from './helpers.js';

const cnn = fixture('mnist_cnn_mnist.onnx');

describe('snn --readout-delay', () => {
  it('convert --readout-delay estimate saves the delay (graph.json readout) and reports the estimate; eval of the saved SNN reports it and scores as converting in eval does', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'snn-delay-')), 'cnn.snn');
    const conv = capture();
    const flags = ['--data', 'mnist', '--calibrate', '200', '--mode', '99.9%', '--readout-delay', 'estimate'];
    expect(await runCli(['convert', cnn, ...flags, '--output', dir], conv)).toBe(0);
    const report = JSON.parse(conv.out).report.readoutDelay;
    expect(report.source).toBe('estimate');
    expect(report.estimate.layers.map((l: { node: string }) => l.node).length).toBeGreaterThanOrEqual(3);
    const k = Math.ceil(report.estimate.steps); // T = 16 (the recipe names no targetT): at least 4 steps read
    expect(report.delay).toBe(16 < k + 4 ? 12 : k);
    expect(report.delay).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8')).readout).toEqual({ delay: report.delay });
    const saved = capture();
    expect(await runCli(['eval', dir, '--data', 'mnist', '--T', '2,8', '--limit', '40', '--json'], saved)).toBe(0);
    const direct = capture();
    expect(await runCli(['eval', cnn, ...flags, '--T', '2,8', '--limit', '40', '--json'], direct)).toBe(0);
    const [s, d] = [JSON.parse(saved.out).snn[0], JSON.parse(direct.out).snn[0]];
    expect(s.readoutDelay).toBe(report.delay);
    expect(d.readoutDelay).toBe(report.delay);
    expect(s.accuracy).toEqual(d.accuracy);
    const text = capture();
    expect(await runCli(['eval', dir, '--data', 'mnist', '--T', '8', '--limit', '20'], text)).toBe(0);
    expect(text.out).toContain(`(readout from step ${report.delay + 1})`);
  }, 300_000);
});
