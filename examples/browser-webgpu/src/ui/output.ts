import { lineChart } from '@snn/viz';
import { argmax } from '../pipeline.js';

/** Bars of the running output sum per class (the prediction is the longest). */
export function drawBars(el: HTMLElement, sum: readonly number[]): void {
  const top = argmax(sum);
  const max = Math.max(1e-9, ...sum.map(Math.abs));
  el.replaceChildren(
    ...sum.flatMap((v, k) => {
      const label = document.createElement('span');
      label.textContent = String(k);
      const bar = document.createElement('div');
      bar.className = k === top ? 'bar top' : 'bar';
      bar.style.width = `${Math.max(1, (180 * Math.max(0, v)) / max)}px`;
      const value = document.createElement('span');
      value.textContent = v.toFixed(2);
      return [label, bar, value];
    }),
  );
}

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
