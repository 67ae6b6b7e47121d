import { describe, expect, it } from 'vitest';
import { firingRates, spikeRaster, spikeRasterSpec } from './spike-raster.js';

/** The `d` paths drawn inside the first group whose class contains `cls`. */
function pathsIn(svg: string, cls: string): string[] {
  const start = svg.indexOf(`class="mark-rect role-mark ${cls}`);
  if (start < 0) return [];
  const group = svg.slice(start, svg.indexOf('</g>', start));
  return [...group.matchAll(/<path[^>]* d="([^"]+)"/g)].map((m) => m[1]);
}

// 4 steps, 3 neurons: neuron 0 fires at t = 1, neuron 1 at t = 0, 1, 2, neuron 2 never
const spikes = [
  [0, 1, 0],
  [1, 1, 0],
  [0, 1, 0],
  [0, 0, 0],
];

describe('spikeRaster', () => {
  it('firing rates are spike counts over T: [1/4, 3/4, 0]', () => {
    expect(firingRates(spikes)).toEqual([0.25, 0.75, 0]);
  });

  it('draws one mark per spike, at its step and row (neuron 0 on top), and the rates as numbers', async () => {
    const svg = await spikeRaster({ spikes, title: 'IF spikes', xLabel: 'time step', yLabel: 'neuron i', width: 400, height: 150 });
    const marks = pathsIn(svg, 'concat_0_marks');
    expect(marks).toHaveLength(4);
    // x scale: [−0.5, 3.5] over 400 px → 100 px a step; a mark spans t ± 0.4 → 80 px wide.
    // y scale: [−0.5, 2.5] over 150 px → 50 px a row, row 0 on top; a mark spans i ± 0.4 → 40 px tall.
    const boxes = marks.map((d) =>
      d
        .match(/^M([\d.]+),([\d.]+)h([\d.]+)v([\d.]+)/)!
        .slice(1)
        .map(Number),
    );
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
    const at = (x: number, y: number) => boxes.some(([bx, by, w, h]) => near(bx, x) && near(by, y) && near(w, 80) && near(h, 40));
    expect(at(110, 5)).toBe(true); // neuron 0, t = 1
    expect(at(10, 55)).toBe(true); // neuron 1, t = 0
    expect(at(210, 55)).toBe(true); // neuron 1, t = 2
    for (const text of ['IF spikes', 'time step', 'neuron i', 'firing rate', '0.25', '0.75', '0.00']) expect(svg).toContain(`>${text}</text>`);
  });

  it('rate bars have lengths proportional to the rates', async () => {
    const svg = await spikeRaster({ spikes, rateWidth: 100 });
    const widths = pathsIn(svg, 'concat_1_layer_0_marks').map((d) => Number(d.match(/h([\d.]+)/)![1]));
    expect(widths).toEqual([25, 75, 0]);
  });

  it('multi-level spikes: counts above 1 are shown by opacity, with a legend', () => {
    const spec = spikeRasterSpec({
      spikes: [
        [2, 0],
        [1, 3],
      ],
    }) as { hconcat: Array<{ data: { values: unknown[] }; encoding: Record<string, unknown> }> };
    expect(spec.hconcat[0].data.values).toEqual([
      { t: 0, i: 0, s: 2 },
      { t: 1, i: 0, s: 1 },
      { t: 1, i: 1, s: 3 },
    ]);
    expect(spec.hconcat[0].encoding.opacity).toMatchObject({ field: 's', scale: { domain: [0, 3] } });
    expect((spikeRasterSpec({ spikes }) as typeof spec).hconcat[0]).not.toHaveProperty('encoding.opacity');
  });

  it('leaves rate numbers out for many neurons unless asked', async () => {
    const many = Array.from({ length: 5 }, () => Array.from({ length: 80 }, (_, i) => i % 2));
    expect(await spikeRaster({ spikes: many })).not.toContain('>1.00</text>');
    expect(await spikeRaster({ spikes: many, rateLabels: true })).toContain('>1.00</text>');
  });
});
