import * as tf from '@tensorflow/tfjs-core';
import { ActivationObserver, type ObserverOptions, type ObserverState } from './observer.js';

/** One observer of a pass: its node, and how many of the pass's images it has taken (at most `cap`). */
interface Member {
  node: string;
  options: ObserverOptions;
  /** The pass positions it takes (1 = take), when not the first `cap`. */
  mask?: Uint8Array;
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
export type ObserverSpecs = Array<{ key: string; node: string; options: ObserverOptions; mask?: Uint8Array }>;

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

  /**
   * Adds an observer of `node` under `key` (once). With `mask`, a capped observer takes the pass's
   * positions p with mask[p] = 1 (a subset the caller chose, e.g. class-stratified) instead of the first `options.samples`.
   */
  add(key: string, node: string, options: ObserverOptions, mask?: Uint8Array): void {
    if (this.members.has(key)) return;
    const cap = mask ? mask.lastIndexOf(1) + 1 : (options.samples ?? Number.POSITIVE_INFINITY);
    this.members.set(key, { node, options, mask, observer: new ActivationObserver(options), cap, samples: 0, batches: 0 });
  }

  /** The observers, to build the same set elsewhere. */
  specs(): ObserverSpecs {
    return [...this.members].map(([key, m]) => ({ key, node: m.node, options: m.options, ...(m.mask ? { mask: m.mask } : {}) }));
  }

  /** True when no observer takes images from `first` on (the pass can stop there). */
  fullAt(first: number): boolean {
    return [...this.members.values()].every((m) => m.cap <= first);
  }

  /** The rows of a batch of `b` at `first` that member `m` takes: all (b), none (0), the first n, or these. */
  private rows(m: Member, b: number, first: number): number | number[] {
    if (!m.mask) return Math.max(0, Math.min(b, m.cap - first));
    const take: number[] = [];
    for (let i = 0; i < b; i++) if (m.mask[first + i]) take.push(i);
    return take.length === b ? b : take.length === 0 ? 0 : take;
  }

  /** Feeds one batch's activations of `node` (the caller keeps `tap`). */
  async feed(node: string, tap: tf.Tensor, at: BatchPlace): Promise<void> {
    const b = tap.shape[0];
    const bySelection = new Map<string, { rows: number | number[]; members: Member[] }>();
    for (const m of this.members.values()) {
      const rows = m.node === node ? this.rows(m, b, at.first) : 0;
      if (rows === 0) continue;
      const key = String(rows);
      bySelection.set(key, { rows, members: [...(bySelection.get(key)?.members ?? []), m] });
    }
    for (const { rows, members } of bySelection.values()) {
      const t = rows === b ? tap : typeof rows === 'number' ? tf.slice(tap, 0, rows) : tf.gather(tap, rows);
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
      const rows = this.rows(m, b, at.first);
      const n = typeof rows === 'number' ? rows : rows.length;
      if (n > 0) {
        m.samples += n;
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
