// The page's Vega charts (SVG strings from @snn/viz), DOM-free so that the worker renders them:
// one Vega-Lite compile + parse + render costs 100–400 ms here, far more than a frame.
import { lineChart } from '@snn/viz';

/** Line chart of each class's running output sum over t (SVG from @snn/viz). */
export async function outputChart(history: readonly (readonly number[])[], T: number): Promise<string> {
  const x = history.map((_, i) => i + 1);
  const classes = history[0]?.length ?? 0;
  return lineChart({
    series: Array.from({ length: classes }, (_, k) => ({ name: String(k), x, y: history.map((row) => row[k]) })),
    title: 'output summed over steps, per class',
    xLabel: 't',
    yLabel: 'Σ output',
    xDomain: [1, Math.max(2, T)],
    width: 300,
    height: 170,
  });
}

/** Accuracy over the test images at every t. */
export async function accuracyChart(accuracy: readonly number[], n: number): Promise<string> {
  return lineChart({
    series: [{ name: `SNN accuracy (${n} test images)`, x: accuracy.map((_, i) => i + 1), y: accuracy.map((a) => 100 * a) }],
    title: 'accuracy vs time steps',
    xLabel: 't',
    yLabel: '% correct',
    width: 300,
    height: 150,
  });
}
