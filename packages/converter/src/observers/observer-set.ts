import * as tf from '@tensorflow/tfjs-core';
import { ActivationObserver, type ObserverOptions, type ObserverState } from './observer.js';

/** One observer of a pass: its node, and how many of the pass's images it has taken (at most `cap`). */
interface Member {
  node: string;
  options: ObserverOptions;
  observer: ActivationObserver;
  cap: number;
  samples: number;
  batches: number;
}

/** Where a batch sits in its pass: its index, and how many images came before it. */
export interface BatchPlace {
  index: number;
  first: number;
}

/** The observers of an {@link ObserverSet}, as plain data: what another thread needs to build the same set. */
export type ObserverSpecs = Array<{ key: string; node: string; options: ObserverOptions }>;

/** An {@link ObserverSet}'s share of a pass, as plain data, per key. */
export type ObserverSetState = Array<{ key: string; samples: number; batches: number; observer: ObserverState }>;

/**
 * The observers one calibration pass feeds, keyed by the caller. Each takes the first
 * `options.samples` images of the pass (default all): whole batches while they fit, then the first
 * rows of the batch that crosses its cap (as `takeSamples` cuts the data). A tap is read back at most
 * once per batch and cut, whatever the number of observers. Batches may come in any order and in
 * several sets (threads): each is placed by its index and first image, and {@link absorb} joins the
 * shares into what one pass in order gives.
 */
export class ObserverSet {
  readonly members = new Map<string, Member>();

  /** Adds an observer of `node` under `key` (once). */
  add(key: string, node: string, options: ObserverOptions): void {
    if (!this.members.has(key))
      this.members.set(key, {
        node,
        options,
        observer: new ActivationObserver(options),
        cap: options.samples ?? Number.POSITIVE_INFINITY,
        samples: 0,
        batches: 0,
      });
  }

  /** The observers, to build the same set elsewhere. */
  specs(): ObserverSpecs {
    return [...this.members].map(([key, m]) => ({ key, node: m.node, options: m.options }));
  }

  /** True when no observer takes images from `first` on (the pass can stop there). */
  fullAt(first: number): boolean {
    return [...this.members.values()].every((m) => m.cap <= first);
  }

  /** Feeds one batch's activations of `node` (the caller keeps `tap`). */
  async feed(node: string, tap: tf.Tensor, at: BatchPlace): Promise<void> {
    const b = tap.shape[0];
    const byRows = new Map<number, Member[]>();
    for (const m of this.members.values()) {
      const rows = Math.min(b, m.cap - at.first);
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
        for (const m of members) await m.observer.updateTensor(t, read, at.index);
      } finally {
        if (t !== tap) t.dispose();
      }
    }
  }

  /** Ends a batch of `b` images: every observer still taking images counts its share. */
  endBatch(b: number, at: BatchPlace): void {
    for (const m of this.members.values()) {
      const rows = Math.min(b, m.cap - at.first);
      if (rows > 0) {
        m.samples += rows;
        m.batches++;
      }
    }
  }

  /** This set's share of the pass, as plain data. */
  state(): ObserverSetState {
    return [...this.members].map(([key, m]) => ({ key, samples: m.samples, batches: m.batches, observer: m.observer.state() }));
  }

  /** Adds another set's share of the same pass (a set built from this one's {@link specs}). */
  absorb(other: ObserverSetState): void {
    for (const o of other) {
      const m = this.members.get(o.key);
      if (!m) throw new RangeError(`ObserverSet.absorb: no observer '${o.key}' here`);
      m.samples += o.samples;
      m.batches += o.batches;
      m.observer.absorb(o.observer);
    }
  }
}
