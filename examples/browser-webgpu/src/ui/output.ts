import { argmax } from '../pipeline.js';

/**
 * Bars of the running output sum per class (the prediction is the longest). The first call builds
 * one label, bar and value per class; later calls with as many classes only set widths and text,
 * so a live run's redraw is no new DOM.
 */
export function drawBars(el: HTMLElement, sum: readonly number[]): void {
  if (el.childElementCount !== 3 * sum.length)
    el.replaceChildren(
      ...sum.flatMap((_, k) => {
        const label = document.createElement('span');
        label.textContent = String(k);
        return [label, document.createElement('div'), document.createElement('span')];
      }),
    );
  const top = argmax(sum);
  const max = Math.max(1e-9, ...sum.map(Math.abs));
  sum.forEach((v, k) => {
    const bar = el.children[3 * k + 1] as HTMLElement;
    bar.className = k === top ? 'bar top' : 'bar';
    bar.style.width = `${Math.max(1, (180 * Math.max(0, v)) / max)}px`;
    (el.children[3 * k + 2] as HTMLElement).textContent = v.toFixed(2);
  });
}
