import { histogram, lineChart, scatterChart, spikeRaster } from '@snn/viz';
import type { ProbeResult } from './probe.js';

/** One figure of the report: file name, heading, and the sentence that says what it shows. */
export interface Figure {
  name: string;
  title: string;
  caption: string;
  svg: string;
}

/** Accuracy against t for each mode (the tutorial's accuracy figure), ANN accuracy as a dashed line. */
export async function accuracyFigure(curves: Array<{ mode: string; accuracy: number[] }>, annAccuracy: number): Promise<Figure> {
  const T = curves[0].accuracy.length;
  const t = Array.from({ length: T }, (_, i) => i + 1);
  const series = curves.map((c) => ({ name: c.mode, x: t, y: c.accuracy.map((a) => 100 * a) }));
  series.push({ name: 'ANN', x: [1, T], y: [100 * annAccuracy, 100 * annAccuracy], dash: true } as never);
  const svg = await lineChart({
    series,
    title: 'SNN test accuracy vs simulation steps',
    xLabel: 'time step t',
    yLabel: 'accuracy (%)',
    legendTitle: 'mode',
    width: 560,
    height: 320,
  });
  return {
    name: 'accuracy-vs-t',
    title: 'Accuracy vs time steps, per conversion mode',
    caption: `Test accuracy when the outputs summed over steps 1…t decide, for each mode, from one simulation of ${T} steps; the dashed line is the ANN. The tutorial's modes need tens of steps; auto is near the ANN within a few.`,
    svg,
  };
}

export async function rasterFigures(p: ProbeResult): Promise<Figure[]> {
  return Promise.all(
    p.layers.map(async (l, i) => ({
      name: `raster-${i + 1}`,
      title: `Spikes of layer ${l.node}`,
      caption: `Spike trains of ${l.raster[0]?.length ?? 0} active neurons of IF layer ${l.node} for one test image over ${p.T} steps, with each neuron's firing rate beside it.`,
      svg: await spikeRaster({
        spikes: l.raster,
        title: `IF layer ${l.node}: spikes for one test image`,
        xLabel: 't',
        yLabel: 'neuron',
        width: 480,
        height: 260,
      }),
    })),
  );
}

export async function rateHistograms(p: ProbeResult): Promise<Figure[]> {
  return Promise.all(
    p.layers.map(async (l, i) => ({
      name: `rates-${i + 1}`,
      title: `Firing rates of layer ${l.node}`,
      caption: `How often the neurons of ${l.node} fire (spikes per step) over the probed test images; most are silent or slow, which is what makes SNNs cheap.`,
      svg: await histogram({
        values: l.rates,
        title: `IF layer ${l.node}: firing-rate histogram`,
        xLabel: 'firing rate (spikes / step)',
        yLabel: 'neurons',
        width: 420,
        height: 220,
      }),
    })),
  );
}

export async function correlationFigures(p: ProbeResult): Promise<Figure[]> {
  return Promise.all(
    p.layers.map(async (l, i) => ({
      name: `ann-vs-snn-${i + 1}`,
      title: `ANN activation vs SNN output, layer ${l.node}`,
      caption: `Each point is one neuron: its ReLU activation in the ANN against its mean output in the SNN (rate × θ) over ${p.T} steps. Pearson r = ${l.r.toFixed(4)}; points on the diagonal are neurons the SNN reproduces.`,
      svg: await scatterChart({
        series: [{ name: l.node, x: l.pairs.ann, y: l.pairs.snn }],
        title: `${l.node}: ANN activation vs SNN rate·θ (r = ${l.r.toFixed(3)})`,
        xLabel: 'ANN activation',
        yLabel: 'SNN mean output',
        width: 360,
        height: 300,
      }),
    })),
  );
}

export async function sopsFigure(p: ProbeResult): Promise<Figure> {
  const t = p.sops.map((_, i) => i + 1);
  const svg = await lineChart({
    series: [
      { name: 'SNN SOPs', x: t, y: p.sops.map((v) => v / 1e6) },
      { name: 'ANN MACs', x: [1, p.T], y: [p.annMacs / 1e6, p.annMacs / 1e6], dash: true },
    ],
    title: 'Operations per image',
    xLabel: 'time steps simulated',
    yLabel: 'millions of operations',
    width: 520,
    height: 280,
  });
  const at = (T: number) => (p.sops[Math.min(T, p.T) - 1] / 1e6).toFixed(2);
  return {
    name: 'sops',
    title: 'Synaptic operations vs the ANN',
    caption: `Cumulative synaptic operations per image (each spike times the synapses it reaches; the first layer's multiply-adds once, since its input is constant) against the ANN's ${(p.annMacs / 1e6).toFixed(2)} M multiply-adds: ${at(8)} M after 8 steps, ${at(p.T)} M after ${p.T}.`,
    svg,
  };
}

/** The tutorial's first experiment: 35 IF neurons, constant inputs, rate against ReLU. */
export async function ifVsReluFigure(x: number[], rate: number[], T: number): Promise<Figure> {
  const svg = await lineChart({
    series: [
      { name: 'IF firing rate', x, y: rate },
      { name: 'clip(x, 0, 1)', x, y: x.map((v) => Math.min(1, Math.max(0, v))), dash: true },
    ],
    title: `IF neuron (reset by subtraction) rate vs input, T = ${T}`,
    xLabel: 'constant input x',
    yLabel: 'firing rate',
    width: 420,
    height: 260,
  });
  return {
    name: 'if-vs-relu',
    title: 'Why conversion works: IF rate follows ReLU',
    caption: `35 IF neurons with constant inputs x from −0.2 to 1.16 for ${T} steps: the firing rate lies on ReLU(x) up to 1 (within 1/T) and saturates above, which is why thresholds are normalised.`,
    svg,
  };
}
