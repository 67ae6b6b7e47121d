/** Counts correct predictions per time step and the final confusion matrix. */
export class AccuracyTracker {
  readonly correct: number[];
  confusion: number[][] = [];
  n = 0;

  constructor(readonly T: number) {
    this.correct = new Array(T).fill(0);
  }

  /** Records step t's (1-based) predictions for a batch. */
  record(t: number, predictions: ArrayLike<number>, labels: ArrayLike<number>): void {
    let c = 0;
    for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) c++;
    this.correct[t - 1] += c;
    if (t === this.T) {
      for (let i = 0; i < labels.length; i++) {
        this.confusion[labels[i]] ??= [];
        const row = this.confusion[labels[i]];
        row[predictions[i]] = (row[predictions[i]] ?? 0) + 1;
      }
      this.n += labels.length;
    }
  }

  /** Dense confusion matrix (K × K) with zeros filled in. */
  matrix(classes: number): number[][] {
    return Array.from({ length: classes }, (_, i) => Array.from({ length: classes }, (_, j) => this.confusion[i]?.[j] ?? 0));
  }
}
