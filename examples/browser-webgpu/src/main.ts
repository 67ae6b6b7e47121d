// The page: controls, drawing and the test hook. All computation runs in a Web Worker (worker.ts);
// this thread only draws, so it answers input while the SNN runs.
import { proxy, transfer } from 'comlink';
import { connect, describeBackend, loadBundled } from './app.js';
import { argmax, type ImageSet, pick } from './pipeline.js';
import type { RunProgress } from './run-images.js';
import { installTestHook, type Started } from './test-hook.js';
import { FrameMeter } from './ui/frame-meter.js';
import { LayerView } from './ui/layers.js';
import type { LiveCanvases, LiveStep } from './ui/live-view.js';
import { OncePerFrame } from './ui/once-per-frame.js';
import { drawBars } from './ui/output.js';
import { DrawingPad, paintGrey } from './ui/pad.js';
import type { UserFile } from './user-data.js';
import { AUTO_ORDER, type BackendChoice, type ConvertInfo, firstLine } from './worker-api.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $('status');
const controls = ['convert', 'run-drawing', 'score', 'backend', 'mode', 'model-source', 'calib-file', 'test-file'].map((id) => $<HTMLButtonElement>(id));
const cancel = $<HTMLButtonElement>('cancel');
const steps = $<HTMLInputElement>('steps');
const params = new URLSearchParams(location.search);
const T = () => Math.max(1, Math.min(256, Number(steps.value) || 32));

function say(text: string, kind: 'busy' | 'ok' | 'error' = 'busy'): void {
  status.textContent = text;
  status.className = kind === 'busy' ? '' : kind;
}

/** Runs one action at a time; marks `data-done` (ok / cancelled / error) on <body> when it ends, for tests and screenshots. */
let busy = false;
let cancelled = false;
async function task<R>(what: () => Promise<R>): Promise<R> {
  if (busy) throw new Error('busy: wait for the current step to finish');
  busy = true;
  cancelled = false;
  delete document.body.dataset.done;
  for (const c of controls) c.disabled = true;
  cancel.disabled = false;
  try {
    const r = await what();
    document.body.dataset.done = cancelled ? 'cancelled' : 'ok';
    return r;
  } catch (e) {
    say(`error: ${firstLine(e)}`, 'error');
    document.body.dataset.done = 'error';
    throw e;
  } finally {
    busy = false;
    for (const c of controls) c.disabled = false;
    cancel.disabled = true;
  }
}
cancel.addEventListener('click', () => {
  cancelled = true;
  say('cancelling…');
  api.cancel();
});

say('loading the model and images…');
const data = await loadBundled(new URL('gen/', document.baseURI));
const api = await connect(params.get('worker') !== '0');
const wasmPaths = new URL('gen/wasm/', document.baseURI).href;
let test: ImageSet = data.test;
let model = data.model;
let converted: ConvertInfo | undefined;
let tellHook: (s: Started | undefined) => void = () => {};
await api.setModel(model.name, model.bytes);
await api.setCalibration(data.calib);
$('thread-line').textContent = params.get('worker') === '0' ? 'computing in the page itself (?worker=0): runs block the page' : 'computing in a Web Worker';

/** Starts the chosen backend and converts the current model: what the Convert button does. */
async function start(choice: BackendChoice, mode: string): Promise<Started> {
  converted = undefined;
  tellHook(undefined);
  $('report').textContent = '';
  say(`starting ${choice === 'auto' ? 'a backend' : choice}…`);
  let report = await api.start(choice, wasmPaths);
  $('backend-line').textContent = `backend: ${describeBackend(report)}`;
  say(`converting ${model.name} (${mode}) on ${report.backend}…`);
  try {
    converted = await api.convert(mode);
  } catch (e) {
    // `auto` keeps its promise when a backend starts but then fails: the next one takes over
    const failed = report.backend;
    if (choice !== 'auto' || failed === AUTO_ORDER.at(-1)) throw e;
    report = await api.start('auto', wasmPaths, AUTO_ORDER.slice(0, AUTO_ORDER.indexOf(failed) + 1));
    $('backend-line').textContent = `backend: ${describeBackend(report)} — ${failed} started, then failed: ${firstLine(e)}`;
    say(`converting ${model.name} (${mode}) on ${report.backend}…`);
    converted = await api.convert(mode);
  }
  const th = converted.layers.map((l) => (typeof l === 'number' ? l.toFixed(3) : `${l.channels} ch, mean ${l.mean.toFixed(3)}`));
  $('report').textContent =
    `${model.name}: converted in ${converted.seconds.toFixed(1)} s on ${converted.samples} calibration images · θ per layer: ${th.join(' · ')} · output layer: ${converted.outputMode}`;
  say(`ready on ${converted.backend}: draw a digit or pick a test image`, 'ok');
  const started = { report, info: converted };
  tellHook(started);
  return started;
}

/** Shows (and marks on <body>, for tests) the longest gap between frames of the run just ended. */
function showFrames(meter: FrameMeter): void {
  const { longestMs, frames, longestTaskMs } = meter.stop();
  const tasks = longestTaskMs ? `longest task ${longestTaskMs.toFixed(0)} ms` : 'no task over 50 ms';
  $('frame-line').textContent = `main thread during the run: longest gap between frames ${longestMs.toFixed(0)} ms (${frames} frames), ${tasks}`;
  Object.assign(document.body.dataset, { longestFrameMs: longestMs.toFixed(1), longestTaskMs: longestTaskMs.toFixed(1) });
}

/**
 * Runs the SNN on one image step by step in the worker, which also draws every layer's spikes and
 * the output plot into canvases this page hands it; the page itself only sets text, once a frame.
 */
async function classify(image: Float32Array, label?: number): Promise<number> {
  const c = converted;
  if (!c) throw new Error('convert a model first');
  const steps = T();
  paintGrey($<HTMLCanvasElement>('input28'), image);
  const layers = $('layers');
  layers.replaceChildren();
  const views = c.spiking.map((s) => new LayerView(layers, s.name, s.op, s.shape, steps));
  const history: number[][] = [];
  const pred = $('prediction');
  delete pred.dataset.prediction;
  const annGuess = argmax((await api.ann(image, 1))[0]);
  const live = Object.assign(document.createElement('canvas'), { width: 300, height: 170 });
  $('output-chart').replaceChildren(live);
  const canvases: LiveCanvases = { layers: Object.fromEntries(views.map((v) => [v.name, v.canvases])), chart: live.transferControlToOffscreen() };
  const handed = [canvases.chart, ...views.flatMap((v) => [v.canvases.map, v.canvases.raster])];
  let guess = -1;
  let latest: { step: LiveStep; seconds: number } | undefined;
  const where = params.get('worker') === '0' ? 'page' : 'worker';
  const text = new OncePerFrame(() => {
    if (!latest) return;
    const { step, seconds } = latest;
    for (const v of views) v.show(step.t, step.layers[v.name]);
    drawBars($('bars'), step.sum);
    pred.innerHTML = `SNN says <b>${argmax(step.sum)}</b> · ANN says ${annGuess}${label === undefined ? '' : ` · label ${label}`}`;
    $('clock').textContent =
      `t = ${step.t} of ${steps} · ${seconds.toFixed(2)} s · ${(step.t / seconds).toFixed(1)} images·steps/s on ${c.backend} (step by step, every layer read back and drawn in the ${where})`;
  });
  const t0 = performance.now();
  const meter = new FrameMeter();
  meter.start();
  say(`running ${steps} steps on ${c.backend}…`);
  const ran = await api.watch(
    image,
    steps,
    transfer(canvases, handed),
    proxy((step: LiveStep) => {
      history.push(step.sum);
      guess = argmax(step.sum);
      latest = { step, seconds: (performance.now() - t0) / 1000 };
      text.request();
    }),
  );
  text.flush();
  showFrames(meter);
  if (history.length) $('output-chart').innerHTML = await api.outputChart(history, steps);
  if (ran < steps) {
    say(`cancelled after ${ran} of ${steps} steps`, 'ok');
    return guess;
  }
  pred.dataset.prediction = String(guess);
  pred.dataset.ann = String(annGuess);
  pred.dataset.t = String(steps);
  say(`classified as ${guess} after ${steps} steps on ${c.backend}`, 'ok');
  return guess;
}

/** Every test image through simulate() in the worker: progress, images·steps/s, the engine, accuracy at every t. */
async function score(): Promise<number[]> {
  const c = converted;
  if (!c) throw new Error('convert a model first');
  const steps = T();
  const bar = $<HTMLProgressElement>('progress');
  bar.max = test.n;
  bar.value = 0;
  const meter = new FrameMeter();
  meter.start();
  say(`simulating ${test.n} test images × ${steps} steps on ${c.backend}…`);
  const show = (p: RunProgress) => {
    bar.value = p.done;
    $('rate').textContent = `${p.done} of ${p.total} images · ${p.rate.toFixed(0)} images·steps/s · simulate() path: ${p.path || '…'} on ${c.backend}`;
  };
  const r = await api.run(test, steps, proxy(show));
  showFrames(meter);
  Object.assign(document.body.dataset, { predictions: r.predictions.join(','), correct: r.correct.join(',') });
  const accuracy = r.correct.map((k) => (r.scored ? k / r.scored : 0));
  $('rate').textContent =
    `${r.n} of ${test.n} images × ${steps} steps in ${r.seconds.toFixed(2)} s · ${r.rate.toFixed(0)} images·steps/s · simulate() path: ${r.path} on ${c.backend}`;
  if (r.scored) $('score-chart').innerHTML = await api.accuracyChart(accuracy, r.scored);
  const acc = r.scored ? `accuracy at T=${steps}: ${(100 * accuracy[steps - 1]).toFixed(1)}% of ${r.scored} labelled images` : `${r.n} unlabelled images`;
  say(r.stopped ? `cancelled after ${r.n} of ${test.n} images (${acc})` : acc, 'ok');
  return accuracy;
}

function showGallery(set: ImageSet): void {
  const gallery = $('gallery');
  gallery.replaceChildren();
  for (let i = 0; i < set.n; i++) {
    const c = document.createElement('canvas');
    c.dataset.index = String(i);
    c.title = `test image ${i}${set.labels[i] === 255 ? '' : `, label ${set.labels[i]}`}`;
    paintGrey(c, pick(set, [i]), set.shape[0], set.shape[1]);
    c.addEventListener('click', () => {
      for (const o of gallery.children) o.classList.toggle('picked', o === c);
      task(() => classify(pick(set, [i]), set.labels[i] === 255 ? undefined : set.labels[i])).catch(() => {});
    });
    gallery.append(c);
  }
}
showGallery(test);

const pad = new DrawingPad($<HTMLCanvasElement>('pad'));
$('clear').addEventListener('click', () => pad.clear());
$('run-drawing').addEventListener('click', () => {
  if (!pad.dirty) return say('draw a digit first', 'error');
  const rgba = pad.rgba(); // digitised in the worker: the page's thread only reads the pixels
  task(async () => classify(await api.digitize(transfer(rgba, [rgba.buffer as ArrayBuffer]), pad.canvas.width))).catch(() => {});
});
$('score').addEventListener('click', () => task(score).catch(() => {}));
const backendSelect = $<HTMLSelectElement>('backend');
const modeSelect = $<HTMLSelectElement>('mode');
const convertNow = () => task(() => start(backendSelect.value as BackendChoice, modeSelect.value));
$('convert').addEventListener('click', () => convertNow().catch(() => {}));
$('model-source').addEventListener('change', (e) => {
  if ((e.target as HTMLSelectElement).value === 'file') $('model-file').click();
});

const filesOf = async (input: HTMLInputElement): Promise<UserFile[]> =>
  Promise.all([...(input.files ?? [])].map(async (f) => ({ name: f.name, path: f.webkitRelativePath, bytes: new Uint8Array(await f.arrayBuffer()) })));

$<HTMLInputElement>('model-file').addEventListener('change', async (e) => {
  const [file] = await filesOf(e.target as HTMLInputElement);
  if (!file) return;
  // the previous model's lines go first: a failed upload must not leave them standing
  converted = undefined;
  for (const id of ['report', 'prediction', 'rate', 'frame-line']) $(id).textContent = '';
  $('layers').replaceChildren();
  task(async () => {
    say(`reading ${file.name}…`);
    await api.setModel(file.name, file.bytes);
    model = { name: file.name, bytes: file.bytes };
    $<HTMLSelectElement>('model-source').append(new Option(file.name, 'file', true, true));
    await start(backendSelect.value as BackendChoice, modeSelect.value);
  }).catch(async () => {
    // back to the bundled model (nothing converted: Convert converts it again)
    model = data.model;
    $<HTMLSelectElement>('model-source').value = 'bundled';
    await api.setModel(model.name, model.bytes);
  });
});

/** The user's own calibration or test images (.npz or image files). */
for (const which of ['calib', 'test'] as const) {
  $<HTMLInputElement>(`${which}-file`).addEventListener('change', (e) => {
    task(async () => {
      const files = await filesOf(e.target as HTMLInputElement);
      const set = await api.readData(files);
      const what = files.length === 1 ? `${files[0].name} (${set.n} images)` : `${set.n} images`;
      if (which === 'calib') {
        await api.setCalibration(set);
        $('calib-line').textContent = `calibration: ${what} — press Convert to use them`;
        say(`calibration images: ${what}; press Convert`, 'ok');
      } else {
        test = set;
        showGallery(set);
        $('test-line').textContent = `test images: ${what}`;
        say(`test images: ${what}`, 'ok');
      }
    }).catch(() => {});
  });
}

/** A URL parameter that must be one of a select's options, or one line saying which are. */
function fromParam(name: string, select: HTMLSelectElement): string | undefined {
  const v = params.get(name);
  if (v === null) return undefined;
  const options = [...select.options].map((o) => o.value);
  if (!options.includes(v)) return `?${name}=${v}: expected one of ${options.join(', ')}`;
  select.value = v;
  return undefined;
}
const paramError = fromParam('backend', backendSelect) ?? fromParam('mode', modeSelect);
if (params.get('T')) steps.value = params.get('T') as string;
tellHook = installTestHook(api, data, {
  start: (b, m) => task(() => start(b, m)),
  classify: (img, l) => task(() => classify(img, l)),
  score: () => task(score),
});
const image = params.get('image');
if (paramError) {
  say(`error: ${paramError}`, 'error');
  document.body.dataset.done = 'error';
} else if (params.get('autostart') === '0') say('ready: press Convert', 'ok');
else
  await task(async () => {
    await start(backendSelect.value as BackendChoice, modeSelect.value);
    if (image !== null) {
      const i = Number(image);
      if (!(Number.isInteger(i) && i >= 0 && i < test.n)) throw new Error(`?image=${image}: expected a test image index 0..${test.n - 1}`);
      for (const o of $('gallery').children) o.classList.toggle('picked', (o as HTMLElement).dataset.index === String(i));
      await classify(pick(test, [i]), test.labels[i]);
    }
  }).catch(() => {});
