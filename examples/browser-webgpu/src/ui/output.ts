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
