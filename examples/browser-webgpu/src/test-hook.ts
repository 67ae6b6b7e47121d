// `window.snnTest`: what the browser test drives. It goes through the same worker calls as the buttons.
import type { Remote } from 'comlink';
import type { Bundled } from './app.js';
import { pick } from './pipeline.js';
import type { BackendChoice, ConvertInfo, SnnApi } from './worker-api.js';
import type { BackendReport } from '@snn/backend';

/** What the test asks for: a backend, a conversion mode, T and bundled test images by index. */
export interface RunRequest {
  /** A backend name (strict: fails rather than falling back) or `auto`. */
  backend: BackendChoice;
  mode?: string;
  T?: number;
  /** Indices into the bundled test images. */
  images: number[];
}

/** What the page computed for a {@link RunRequest}, in the worker. */
export interface RunResult {
  backend: string;
  attempts: Array<{ name: string; ok: boolean; reason?: string }>;
  thresholds: number[];
  labels: number[];
  /** The ANN's outputs, `[n][classes]`. */
  ann: number[][];
  /** Each image's SNN class at T (simulate(), one call per image). */
  predictions: number[];
  /** `correct[t − 1]`: images right at t. */
  correct: number[];
  /** simulate()'s path on this backend. */
  path: string;
  rate: number;
  seconds: { convert: number; simulate: number };
}

/** What the page's start (backend + conversion) gives back. */
export interface Started {
  report: BackendReport;
  info: ConvertInfo;
}

interface Ui {
  start(backend: BackendChoice, mode: string): Promise<Started>;
  classify(image: Float32Array, label?: number): Promise<number>;
  score(): Promise<number[]>;
}

declare global {
  interface Window {
    snnTest?: {
      /** Starts `backend`, converts with `mode`, then simulates the images. */
      run(req: RunRequest): Promise<RunResult>;
      /** Simulates the images with the conversion the page already has (`backend`, `mode` ignored). */
      simulate(req: Omit<RunRequest, 'backend' | 'mode'>): Promise<RunResult>;
      classify(index: number): Promise<number>;
      score(): Promise<number[]>;
    };
  }
}

/** Installs `window.snnTest` and marks `<body data-test-hook="ready">`; the page tells it each conversion through the function returned. */
export function installTestHook(api: Remote<SnnApi>, data: Bundled, ui: Ui): (s: Started | undefined) => void {
  const { test } = data;
  let started: Started | undefined;
  const simulate = async ({ T = 8, images }: Omit<RunRequest, 'backend' | 'mode'>): Promise<RunResult> => {
    if (!started) throw new Error('snnTest.simulate: nothing converted through snnTest.run or the page');
    const { report, info } = started;
    const x = pick(test, images);
    const subset = { images: x, labels: Uint8Array.from(images, (i) => test.labels[i]), n: images.length, shape: test.shape };
    const ann = await api.ann(x, images.length);
    const r = await api.run(subset, T);
    return {
      backend: report.backend,
      attempts: report.attempts.map(({ name, ok, reason }) => ({ name, ok, reason })),
      thresholds: info.thresholds,
      labels: [...subset.labels],
      ann,
      predictions: r.predictions,
      correct: r.correct,
      path: r.path,
      rate: r.rate,
      seconds: { convert: info.seconds, simulate: r.seconds },
    };
  };
  window.snnTest = {
    async run({ backend, mode = '99.9%', T = 8, images }) {
      started = await ui.start(backend, mode);
      return simulate({ T, images });
    },
    simulate,
    classify: (index) => ui.classify(pick(test, [index]), test.labels[index]),
    score: () => ui.score(),
  };
  document.body.dataset.testHook = 'ready';
  return (s) => {
    started = s;
  };
}
