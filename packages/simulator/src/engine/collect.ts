import type { SimPath, SimulationResult } from '../types.js';
import type { BatchOutcome } from './batch.js';

/** Adds batch outcomes up into the run's counts: correct per step, confusion at T, n. */
export class ResultCollector {
  readonly correct: number[];
  n = 0;
  classes = 0;
  private readonly pairs = new Map<number, number>();

  constructor(readonly T: number) {
    this.correct = new Array(T).fill(0);
  }

  add(o: Pick<BatchOutcome, 'correct' | 'predictions' | 'classes'>, labels: ArrayLike<number>): void {
    for (let t = 0; t < this.T; t++) this.correct[t] += o.correct[t];
    this.classes = Math.max(this.classes, o.classes);
    for (let b = 0; b < labels.length; b++) {
      const key = labels[b] * 65536 + o.predictions[b];
      this.pairs.set(key, (this.pairs.get(key) ?? 0) + 1);
    }
    this.n += labels.length;
  }

  /** `confusion[label][prediction]`, K × K with K the output size. */
  confusion(): number[][] {
    const K = this.classes;
    const m = Array.from({ length: K }, () => new Array<number>(K).fill(0));
    for (const [key, c] of this.pairs) {
      const label = Math.floor(key / 65536);
      if (label < K) m[label][key % 65536] += c;
    }
    return m;
  }

  /** The run's result (without monitors): accuracy and correct per t, n, T, confusion at T. Throws when no batch came. */
  result(seconds: number, path: SimPath, workers: number): SimulationResult {
    const n = this.n;
    if (n === 0) throw new Error('simulation data yielded no batch');
    return { accuracy: this.correct.map((c) => c / n), correct: this.correct, n, T: this.T, confusion: this.confusion(), seconds, path, workers };
  }
}
