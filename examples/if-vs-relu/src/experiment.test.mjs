import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@snn/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { runIfVsRelu, tutorialInputs } from './experiment.mjs';
import { main } from './main.mjs';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('IF vs ReLU (the tutorial experiment)', () => {
  it('uses the tutorial inputs x_i = −0.2 + 0.04·i, i = 0..34', () => {
    const x = tutorialInputs();
    expect(x).toHaveLength(35);
    expect([x[0], x[5], x[30], x[34]]).toEqual([-0.2, 0, 1, 1.16]);
  });

  it('every rate is within 1/T of clamp(x_i, 0, 1) at T = 128', () => {
    const { T, x, rate } = runIfVsRelu();
    expect(T).toBe(128);
    for (const [i, xi] of x.entries()) expect(Math.abs(rate[i] - Math.min(Math.max(xi, 0), 1)), `neuron ${i}, x = ${xi}`).toBeLessThanOrEqual(1 / T);
  });

  it('larger inputs never fire less; x ≤ 0 never fires; x ≥ 1 fires at every step', () => {
    const { x, rate, spikes } = runIfVsRelu();
    for (let i = 1; i < rate.length; i++) expect(rate[i]).toBeGreaterThanOrEqual(rate[i - 1]);
    for (const [i, xi] of x.entries()) {
      if (xi <= 0) expect(rate[i]).toBe(0);
      if (xi >= 1) expect(spikes.every((row) => row[i] === 1)).toBe(true);
    }
  });

  it('x = 0.4 gives exactly ⌊0.4·128⌋ = 51 spikes, and the identity r = x − (V_T − V_0)/T holds', () => {
    const { x, rate, vT, T } = runIfVsRelu();
    const i = x.indexOf(0.4);
    expect(rate[i] * T).toBe(51);
    expect(rate[i]).toBeCloseTo(x[i] - vT[i] / T, 5); // V_0 = 0, θ = 1; float32 inputs, so 5 decimals
  });

  it('main() writes the three pictures as SVG and PNG, and rates.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'if-vs-relu-'));
    const r = await main(dir);
    const names = ['input', 'raster', 'rate-vs-relu'].flatMap((n) => [`${n}.svg`, `${n}.png`]).concat('rates.json');
    expect(r.written.map((p) => p.slice(dir.length + 1)).sort()).toEqual(names.sort());
    for (const n of names.filter((f) => f.endsWith('.png'))) expect(readFileSync(join(dir, n)).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(join(dir, 'raster.svg'), 'utf8')).toContain("IF neurons' spikes and firing rates (T = 128)");
    const json = JSON.parse(readFileSync(join(dir, 'rates.json'), 'utf8'));
    expect(Object.keys(json)).toEqual(['T', 'x', 'rate']);
    expect(json.T).toBe(128);
    expect(json.x).toEqual(tutorialInputs());
    expect(json.rate).toEqual(r.rate);
  });
});
