import { DATA_FLAG_OPTIONS, type DataFlags, type Dataset, type Split } from '@snn/datasets';
import type { CommandContext } from '../registry.js';
import { loadData } from '../pipeline.js';
import { sha256 } from './artifacts.js';

/**
 * Data named, not shipped: a worker loads `source` itself — the command's data flags: `--data
 * mnist` (the embedded set), `fashion-mnist` (Debian's package), or files every worker can read at
 * the same path, with their `--scale`, `--resize`, … — and refuses the shard unless its split has
 * the run's checksum.
 */
export interface DataRef {
  source: DataFlags;
  split: 'train' | 'test';
  /** SHA-256 over the split's shape, labels and pixels (float32, little-endian). */
  checksum: string;
}

/**
 * The checksum of a split: sha256(shape as JSON · labels · pixels), so two machines agree exactly
 * when they would feed the same numbers to the network.
 */
export function splitChecksum(s: Split): string {
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const h = sha256(JSON.stringify(s.shape));
  return sha256(Buffer.concat([Buffer.from(h), bytes(s.labels), bytes(s.images)]));
}

/** The data flags among a command's options (what a worker needs to load the same data). */
export function dataFlagsOf(options: CommandContext['options']): DataFlags {
  return Object.fromEntries(Object.keys(DATA_FLAG_OPTIONS).flatMap((k) => (options[k] === undefined ? [] : [[k, options[k]]]))) as DataFlags;
}

const key = (f: DataFlags) => JSON.stringify(Object.entries(f).sort());

/** Loads named data sources once per process and checks shards' references against them. */
export class DataCache {
  private readonly sets = new Map<string, Promise<Dataset>>();
  private readonly sums = new Map<Split, string>();

  /** Adds a data set already loaded under its name (the coordinator's own copy). */
  add(source: DataFlags, d: Dataset): void {
    this.sets.set(key(source), Promise.resolve(d));
  }

  dataset(source: DataFlags): Promise<Dataset> {
    const k = key(source);
    let d = this.sets.get(k);
    if (!d) {
      d = loadData(source);
      d.catch(() => this.sets.delete(k));
      this.sets.set(k, d);
    }
    return d;
  }

  checksum(split: Split): string {
    let c = this.sums.get(split);
    if (c === undefined) {
      c = splitChecksum(split);
      this.sums.set(split, c);
    }
    return c;
  }

  /** The reference of an already loaded split (what the coordinator puts in a job). */
  ref(source: DataFlags, split: 'train' | 'test', data: Split): DataRef {
    return { source, split, checksum: this.checksum(data) };
  }

  /** The split a reference names, after checking that this machine's copy is the run's. */
  async resolve(ref: DataRef): Promise<Split> {
    const split = (await this.dataset(ref.source))[ref.split];
    const here = this.checksum(split);
    if (here !== ref.checksum)
      throw new Error(
        `data source '${ref.source.data}' (${ref.split}) here has checksum ${here.slice(0, 12)}, the run's is ${ref.checksum.slice(0, 12)}: this worker's data differs, so it refuses the shard`,
      );
    return split;
  }
}
