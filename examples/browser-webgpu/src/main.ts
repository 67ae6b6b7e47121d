import { App, AUTO_ORDER, type BackendChoice, describeBackend } from './app.js';
import { digitize } from './digitize.js';
import { annOutputs, argmax, type Prepared, pick, runSnn, SnnRun } from './pipeline.js';
import { installTestHook } from './test-hook.js';
import { LayerView } from './ui/layers.js';
import { accuracyChart, drawBars, outputChart } from './ui/output.js';
import { DrawingPad, paintGrey } from './ui/pad.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const controls = ['convert', 'run-drawing', 'score', 'backend', 'mode', 'model-source'].map((id) => $<HTMLButtonElement>(id));
const steps = $<HTMLInputElement>('steps');
const params = new URLSearchParams(location.search);

function say(text: string, kind: 'busy' | 'ok' | 'error' = 'busy'): void {
  status.textContent = text;
  status.className = kind === 'busy' ? '' : kind;
}

/** Runs one UI action at a time; a failure is shown, not swallowed. */
let busy = false;
async function task<R>(what: () => Promise<R>): Promise<R> {
  if (busy) throw new Error('busy: wait for the current step to finish');
  busy = true;
  for (const c of controls) c.disabled = true;
  try {
    return await what();
  } catch (e) {
    say(`error: ${(e as Error).message}`, 'error');
    throw e;
  } finally {
    busy = false;
    for (const c of controls) c.disabled = false;
  }
}

say('loading the model and images…');
const app = await App.load(new URL('gen/', document.baseURI));

/** Starts the chosen backend and converts the current model: what the Convert button does. */
async function start(choice: BackendChoice, mode: string): Promise<void> {
  say(`starting ${choice === 'auto' ? 'a backend' : choice}…`);
  let report = await app.useBackend(choice);
  $('backend-line').textContent = `backend: ${describeBackend(report)}`;
  say(`converting ${app.model.name} (${mode}) on ${report.backend}…`);
  let p: Prepared;
  try {
    p = await app.convert(mode);
  } catch (e) {
    // `auto` keeps its promise when a backend starts but then fails: the next one takes over
    const failed = report.backend;
    if (choice !== 'auto' || failed === AUTO_ORDER.at(-1)) throw e;
    report = await app.useBackend('auto', AUTO_ORDER.slice(0, AUTO_ORDER.indexOf(failed) + 1));
    $('backend-line').textContent = `backend: ${describeBackend(report)} — ${failed} started, then failed: ${(e as Error).message.split('\n')[0]}`;
    say(`converting ${app.model.name} (${mode}) on ${report.backend}…`);
    p = await app.convert(mode);
  }
  const th = p.report.layers.map((l) =>
    typeof l.threshold === 'number' ? l.threshold.toFixed(3) : `${l.threshold.channels} ch, mean ${l.threshold.mean.toFixed(3)}`,
  );
  $('report').textContent =
    `converted in ${p.seconds.toFixed(1)} s on ${p.report.calibration.samples} calibration images · θ per layer: ${th.join(' · ')} · output layer: ${p.report.outputLayer.mode}`;
  say(`ready on ${report.backend}: draw a digit or pick a test image`, 'ok');
}

/** Runs the SNN on one image step by step, drawing every layer's spikes and the output as they come. */
async function classify(image: Float32Array, label?: number): Promise<number> {
  const p = app.prepared;
  if (!p) throw new Error('convert a model first');
  const T = Math.max(1, Math.min(256, Number(steps.value) || 32));
  paintGrey($<HTMLCanvasElement>('input28'), image);
  const layers = $('layers');
  layers.replaceChildren();
  const views = p.spiking.map((s) => new LayerView(layers, s.name, s.op, s.shape, T));
  const run = new SnnRun(
    p.snn,
    image,
    1,
    p.spiking.map((s) => s.name),
  );
  const history: number[][] = [];
  const pred = $('prediction');
  delete pred.dataset.prediction;
  const annGuess = argmax((await annOutputs(p.ann, image, 1, app.test.shape))[0]);
  let lastChart = 0;
  let guess = -1;
  say(`running ${T} steps on ${app.backend?.backend}…`);
  try {
    for (let t = 1; t <= T; t++) {
      const r = await run.step();
      views.forEach((v) => {
        v.update(t, r.spikes[v.name]);
      });
      const sum = r.sum[0];
      history.push(sum);
      guess = argmax(sum);
      drawBars($('bars'), sum);
      pred.innerHTML = `SNN says <b>${guess}</b> · ANN says ${annGuess}${label === undefined ? '' : ` · label ${label}`}`;
      $('clock').textContent = `t = ${t} of ${T} · ${((performance.now() - run.t0) / 1000).toFixed(2)} s`;
      if (performance.now() - lastChart > 300 || t === T) {
        $('output-chart').innerHTML = await outputChart(history, T);
        lastChart = performance.now();
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  } finally {
    run.dispose();
  }
  pred.dataset.prediction = String(guess);
  pred.dataset.ann = String(annGuess);
  pred.dataset.t = String(T);
  say(`classified as ${guess} after ${T} steps on ${app.backend?.backend}`, 'ok');
  return guess;
}

/** The SNN's accuracy at every t over all bundled test images (one batch, no drawing). */
async function score(): Promise<number[]> {
  const p = app.prepared;
  if (!p) throw new Error('convert a model first');
  const T = Math.max(1, Math.min(256, Number(steps.value) || 32));
  const { test } = app;
  say(`scoring ${test.n} test images over ${T} steps…`);
  const outputs = await runSnn(p.snn, test.images, test.n, T);
  const sums = outputs[0].map((row) => row.map(() => 0));
  const accuracy = outputs.map((step) => {
    let correct = 0;
    step.forEach((row, i) => {
      row.forEach((v, k) => {
        sums[i][k] += v;
      });
      if (argmax(sums[i]) === test.labels[i]) correct++;
    });
    return correct / test.n;
  });
  $('score-chart').innerHTML = await accuracyChart(accuracy, test.n);
  say(`accuracy at T=${T}: ${(100 * accuracy[T - 1]).toFixed(1)}% of ${test.n} test images`, 'ok');
  return accuracy;
}

// gallery of test images
const gallery = $('gallery');
for (let i = 0; i < app.test.n; i++) {
  const c = document.createElement('canvas');
  c.dataset.index = String(i);
  c.title = `test image ${i}, label ${app.test.labels[i]}`;
  paintGrey(c, pick(app.test, [i]));
  c.addEventListener('click', () => {
    for (const o of gallery.children) o.classList.toggle('picked', o === c);
    task(() => classify(pick(app.test, [i]), app.test.labels[i])).catch(() => {});
  });
  gallery.append(c);
}

const pad = new DrawingPad($<HTMLCanvasElement>('pad'));
$('clear').addEventListener('click', () => pad.clear());
$('run-drawing').addEventListener('click', () => {
  if (!pad.dirty) return say('draw a digit first', 'error');
  task(() => classify(digitize(pad.grey(), pad.canvas.width))).catch(() => {});
});
$('score').addEventListener('click', () => task(score).catch(() => {}));
const backendSelect = $<HTMLSelectElement>('backend');
const modeSelect = $<HTMLSelectElement>('mode');
$('convert').addEventListener('click', () => task(() => start(backendSelect.value as BackendChoice, modeSelect.value)).catch(() => {}));
$('model-source').addEventListener('change', (e) => {
  if ((e.target as HTMLSelectElement).value === 'file') $('model-file').click();
});
$<HTMLInputElement>('model-file').addEventListener('change', async (e) => {
  const file = (e.target as HTMLInputElement).files?.[0];
  if (!file) return;
  app.model = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  const opt = new Option(file.name, 'file', true, true);
  $<HTMLSelectElement>('model-source').append(opt);
  task(() => start(backendSelect.value as BackendChoice, modeSelect.value)).catch(() => {});
});

if (params.get('backend')) backendSelect.value = params.get('backend') as string;
if (params.get('mode')) modeSelect.value = params.get('mode') as string;
if (params.get('T')) steps.value = params.get('T') as string;
installTestHook(app, { start: (b, m) => task(() => start(b, m)), classify: (img, l) => task(() => classify(img, l)), score: () => task(score) });
if (params.get('autostart') === '0') say('ready: press Convert', 'ok');
else await task(() => start(backendSelect.value as BackendChoice, modeSelect.value)).catch(() => {});
