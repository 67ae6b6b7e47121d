// @snn/viz (vega, ~0.3 s to load) is imported when a figure is drawn, not with the CLI
const viz = () => import('@snn/viz');
import { accuracyCaption, correlationCaption, ratesCaption, sopsCaption } from './captions.js';
import type { ProbeResult } from './probe.js';

/** One figure of the report: file name, heading, and the sentence that says what it shows. */
export interface Figure {
  name: string;
  title: string;
  caption: string;
  svg: string;
}

/** The y-axis minimum of the accuracy figure: 30 points under the ANN, in tens (curves below run along it). */
export function accuracyYMin(annAccuracy: number): number {
  return Math.max(0, Math.floor((100 * annAccuracy) / 10) * 10 - 30);
}

/** Accuracy against t for each mode (the tutorial's accuracy figure), ANN accuracy as a dashed line. */
export async function accuracyFigure(curves: Array<{ mode: string; accuracy: number[] }>, annAccuracy: number): Promise<Figure> {
  const T = curves[0].accuracy.length;
  const t = Array.from({ length: T }, (_, i) => i + 1);
  const yMin = accuracyYMin(annAccuracy);
  const series = [
    ...curves.map((c) => ({ name: c.mode, x: t, y: c.accuracy.map((a) => 100 * a) })),
    { name: 'ANN', x: [1, T], y: [100 * annAccuracy, 100 * annAccuracy], dash: true },
  ];
  const svg = await (await viz()).lineChart({
    series,
    title: 'SNN test accuracy vs simulation steps',
    xLabel: T >= 50 ? 'time step t (log scale)' : 'time step t',
    yLabel: 'accuracy (%)',
    legendTitle: 'mode',
    legend: 'right',
    xLog: T >= 50,
    ...(T > 1 ? { xDomain: [1, T] as [number, number] } : {}),
    yDomain: [yMin, 100],
    clampY: true,
    width: 520,
    height: 320,
  });
  return { name: 'accuracy-vs-t', title: 'Accuracy vs time steps, per conversion mode', caption: accuracyCaption(curves, annAccuracy, yMin), svg };
}

export async function rasterFigures(p: ProbeResult): Promise<Figure[]> {
  return Promise.all(
    p.layers.map(async (l, i) => ({
      name: `raster-${i + 1}`,
      title: `Spikes of layer ${l.node}`,
      caption: l.raster[0]?.length
        ? `Spike trains of ${l.raster[0].length} of the neurons of ${l.node} that fire for the first probed test image over ${p.T} steps (spread over them by spike count, slowest on top), with each one's firing rate beside it.`
        : `No neuron of ${l.node} fires for the first probed test image in ${p.T} steps.`,
      svg: await (await viz()).spikeRaster({
        spikes: l.raster[0]?.length ? l.raster : [[0]],
        title: `layer ${i + 1}: spikes for one test image`,
        xLabel: 't',
        yLabel: 'neuron',
        width: 480,
        height: 260,
      }),
    })),
  );
}

export async function rateHistograms(p: ProbeResult, images: number): Promise<Figure[]> {
  return Promise.all(
    p.layers.map(async (l, i) => ({
      name: `rates-${i + 1}`,
      title: `Firing rates of layer ${l.node}`,
      caption: ratesCaption(l.node, l.rates, l.rates.length / images, images, p.T),
      svg: await (await viz()).histogram({
        values: l.rates,
        title: `layer ${i + 1}: firing-rate histogram`,
        xLabel: 'firing rate (spikes / step)',
        yLabel: 'neuron × image',
        width: 420,
        height: 220,
      }),
    })),
  );
}

/** Least-squares slope through the origin: Σ a·b / Σ a². */
function slope(a: readonly number[], b: readonly number[]): number {
  let ab = 0;
  let aa = 0;
  for (let i = 0; i < a.length; i++) [ab, aa] = [ab + a[i] * b[i], aa + a[i] * a[i]];
  return aa ? ab / aa : 0;
}

export async function correlationFigures(p: ProbeResult): Promise<Figure[]> {
  const compared = p.layers.filter((l) => l.annNode !== undefined);
  return Promise.all(
    compared.map(async (l, i) => ({
      name: `ann-vs-snn-${i + 1}`,
      title: `ANN activation vs SNN output, layer ${l.node}`,
      caption: correlationCaption({
        node: l.node,
        annNode: l.annNode,
        r: l.r,
        slope: slope(l.pairs.ann, l.pairs.snn),
        shown: l.pairs.ann.length,
        total: l.rates.length,
        T: p.T,
      }),
      svg: await (await viz()).scatterChart({
        series: [{ name: l.node, x: l.pairs.ann, y: l.pairs.snn }],
        title: `layer ${p.layers.indexOf(l) + 1}: r = ${l.r.toFixed(3)}`,
        xLabel: l.annNode === l.node ? 'ANN activation' : 'ANN activation after its MaxPool',
        yLabel: 'SNN mean output (rate × θ)',
        width: 360,
        height: 300,
      }),
    })),
  );
}

export async function sopsFigure(p: ProbeResult): Promise<Figure> {
  const { sopsUpTo, annMacsPerImage, analogMacsPerImage, T } = p.sops;
  const t = sopsUpTo.map((_, i) => i + 1);
  const svg = await (await viz()).lineChart({
    series: [
      { name: 'SNN synaptic ops', x: t, y: sopsUpTo.map((v) => v / 1e6) },
      { name: 'ANN multiply-adds', x: [1, T], y: [annMacsPerImage / 1e6, annMacsPerImage / 1e6], dash: true },
    ],
    title: 'Operations per image',
    xLabel: 'time steps simulated',
    yLabel: 'millions of operations',
    legend: 'right',
    width: 520,
    height: 280,
  });
  return {
    name: 'sops',
    title: 'Synaptic operations vs the ANN',
    caption: sopsCaption({ sopsUpTo, annMacs: annMacsPerImage, analogMacsPerStep: analogMacsPerImage / T }),
    svg,
  };
}

/** The tutorial's first experiment: 35 IF neurons, constant inputs, rate against ReLU. */
export async function ifVsReluFigure(x: number[], rate: number[], T: number): Promise<Figure> {
  const svg = await (await viz()).lineChart({
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
  const err = Math.max(...x.map((v, i) => Math.abs(rate[i] - Math.min(1, Math.max(0, v)))));
  return {
    name: 'if-vs-relu',
    title: 'Why conversion works: IF rate follows ReLU',
    caption: `${x.length} IF neurons (θ = 1, reset by subtraction) with constant inputs x from ${x[0].toFixed(2)} to ${x.at(-1)?.toFixed(2)} for ${T} steps: the firing rate is within ${err.toFixed(4)} of clip(x, 0, 1) (1/T = ${(1 / T).toFixed(4)}); above x = 1 it saturates at one spike per step, which is why thresholds are normalised.`,
    svg,
  };
}
