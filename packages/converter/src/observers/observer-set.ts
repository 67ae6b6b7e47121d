import * as tf from '@tensorflow/tfjs-core';
import { ActivationObserver, type ObserverOptions } from './observer.js';

/** One observer of a pass: its node, and how many of the pass's images it has taken (at most `cap`). */
interface Member {
  node: string;
  observer: ActivationObserver;
  cap: number;
  samples: number;
  batches: number;
}

/**
 * The observers one calibration pass feeds, keyed by the caller. Each takes the first
 * `options.samples` images of the pass (default all): whole batches while they fit, then the first
 * rows of the batch that crosses its cap (as `takeSamples` cuts the data). A tap is read back at most
 * once per batch and cut, whatever the number of observers.
 */
export class ObserverSet {
  readonly members = new Map<string, Member>();

  /** Adds an observer of `node` under `key` (once). */
  add(key: string, node: string, options: ObserverOptions): void {
    if (!this.members.has(key))
      this.members.set(key, { node, observer: new ActivationObserver(options), cap: options.samples ?? Number.POSITIVE_INFINITY, samples: 0, batches: 0 });
  }

  /** True when every observer has all the images it takes (the pass can stop). */
  get full(): boolean {
    return [...this.members.values()].every((m) => m.samples >= m.cap);
  }

  /** Feeds one batch's activations of `node` (the caller keeps `tap`). */
  async feed(node: string, tap: tf.Tensor): Promise<void> {
    const b = tap.shape[0];
    const byRows = new Map<number, Member[]>();
    for (const m of this.members.values()) {
      const rows = Math.min(b, m.cap - m.samples);
      if (m.node === node && rows > 0) byRows.set(rows, [...(byRows.get(rows) ?? []), m]);
    }
    for (const [rows, members] of byRows) {
      const t = rows === b ? tap : tf.slice(tap, 0, rows);
      let values: Promise<Float32Array> | undefined;
      const read = () => {
        values ??= t.data() as Promise<Float32Array>;
        return values;
      };
      try {
        for (const m of members) await m.observer.updateTensor(t, read);
      } finally {
        if (t !== tap) t.dispose();
      }
    }
  }

  /** Ends a batch of `b` images: every observer still taking images counts its share. */
  endBatch(b: number): void {
    for (const m of this.members.values()) {
      const rows = Math.min(b, m.cap - m.samples);
      if (rows > 0) {
        m.samples += rows;
        m.batches++;
      }
    }
  }
}
