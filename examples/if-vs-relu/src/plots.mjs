// The tutorial's three figures, as SVG strings.
import { lineChartSpec, panels, scatterChart, spikeRaster } from '@snn/viz';

/** @param {{ T: number, x: number[], spikes: number[][], rate: number[] }} r */
export async function tutorialPlots(r) {
  const index = r.x.map((_, i) => i);
  const relu = r.x.map((v) => Math.max(0, v));
  const input = await scatterChart({
    series: [{ name: 'x_i', x: index, y: r.x }],
    title: 'Input x_i to IF neurons',
    xLabel: 'Neuron index i',
    yLabel: 'Input x_i',
  });
  const raster = await spikeRaster({
    spikes: r.spikes,
    title: `IF neurons' spikes and firing rates (T = ${r.T})`,
    xLabel: 't',
    yLabel: 'Neuron index i',
  });
  const rateVsRelu = await panels(
    [
      lineChartSpec({
        series: [
          { name: 'firing rate', x: r.x, y: r.rate },
          { name: 'ReLU(x_i)', x: r.x, y: relu, dash: true },
        ],
        title: 'Input x_i and firing rate',
        xLabel: 'Input x_i',
        yLabel: 'Firing rate',
      }),
      lineChartSpec({ series: [{ name: 'ReLU(x_i)', x: r.x, y: relu }], title: 'Input x_i and ReLU(x_i)', xLabel: 'Input x_i', yLabel: 'ReLU(x_i)' }),
    ],
    { title: 'IF firing rate vs ReLU' },
  );
  return { input, raster, 'rate-vs-relu': rateVsRelu };
}
