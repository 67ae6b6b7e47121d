// `window.snnTest`: what the browser test drives. It goes through the same steps as the buttons.
import type { App, BackendChoice } from './app.js';
import { annOutputs, pick, runSnn, thresholds } from './pipeline.js';

export interface RunRequest {
  /** A backend name (strict: fails rather than falling back) or `auto`. */
  backend: BackendChoice;
  mode?: string;
  T?: number;
  /** Indices into the bundled test images. */
  images: number[];
}

export interface RunResult {
  backend: string;
  attempts: Array<{ name: string; ok: boolean; reason?: string }>;
  thresholds: number[];
  labels: number[];
  /** The ANN's outputs, `[n][classes]`. */
  ann: number[][];
  /** The SNN's output at each step, `[T][n][classes]`. */
  outputs: number[][][];
  seconds: { convert: number; simulate: number };
}

interface Ui {
  start(backend: BackendChoice, mode: string): Promise<void>;
  classify(image: Float32Array, label?: number): Promise<number>;
  score(): Promise<number[]>;
}

declare global {
  interface Window {
    snnTest?: {
      run(req: RunRequest): Promise<RunResult>;
      classify(index: number): Promise<number>;
      score(): Promise<number[]>;
    };
  }
}

export function installTestHook(app: App, ui: Ui): void {
  window.snnTest = {
    async run({ backend, mode = '99.9%', T = 8, images }) {
      await ui.start(backend, mode);
      const p = app.prepared!;
      const x = pick(app.test, images);
      const t0 = performance.now();
      const ann = await annOutputs(p.ann, x, images.length, app.test.shape);
      const outputs = await runSnn(p.snn, x, images.length, T);
      return {
        backend: app.backend!.backend,
        attempts: app.backend!.attempts.map(({ name, ok, reason }) => ({ name, ok, reason })),
        thresholds: thresholds(p.report),
        labels: images.map((i) => app.test.labels[i]),
        ann,
        outputs,
        seconds: { convert: p.seconds, simulate: (performance.now() - t0) / 1000 },
      };
    },
    classify: (index) => ui.classify(pick(app.test, [index]), app.test.labels[index]),
    score: () => ui.score(),
  };
  document.body.dataset.testHook = 'ready';
}
