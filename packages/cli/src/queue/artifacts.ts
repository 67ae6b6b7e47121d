import { createHash } from 'node:crypto';
import { type Graph, loadGraph, saveGraph } from '@snn/graph';
import type { Redis } from 'ioredis';

/** SHA-256 of some bytes, hex: the address of an artifact. */
export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A content-addressed byte store: `put` returns the bytes' SHA-256, `get` returns bytes whose
 * hash is the address (a reader checks it, so a corrupt or foreign artifact is never used).
 */
export interface ArtifactStore {
  put(bytes: Uint8Array): Promise<string>;
  get(hash: string): Promise<Uint8Array>;
}

/** One graph as one blob: `u32 LE json length · json (UTF-8) · weights` (saveGraph's two halves). */
export function packGraph(g: Graph): Uint8Array {
  const { json, weights } = saveGraph(g);
  const j = new TextEncoder().encode(json);
  const out = new Uint8Array(4 + j.length + weights.length);
  new DataView(out.buffer).setUint32(0, j.length, true);
  out.set(j, 4);
  out.set(weights, 4 + j.length);
  return out;
}

export function unpackGraph(bytes: Uint8Array): Graph {
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  return loadGraph(new TextDecoder().decode(bytes.subarray(4, 4 + n)), bytes.slice(4 + n));
}

/** Seconds an artifact stays in Redis after its last store (a week: long enough to resume a run). */
export const ARTIFACT_TTL_S = 7 * 24 * 3600;

/**
 * Artifacts kept in Redis under `snn:artifact:<sha256>`. Redis, not a shared path, because it is
 * the one thing every worker already reaches: workers on other machines need no shared file
 * system, and a model (the tutorial CNN: 80 kB; ResNet-18: 45 MB) fits well within Redis' 512 MB
 * value limit. Each worker fetches a model once and keeps it (see `GraphCache`).
 */
export function redisStore(redis: Redis): ArtifactStore {
  return {
    async put(bytes) {
      const hash = sha256(bytes);
      await redis.set(`snn:artifact:${hash}`, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'EX', ARTIFACT_TTL_S);
      return hash;
    },
    async get(hash) {
      const b = await redis.getBuffer(`snn:artifact:${hash}`);
      if (!b) throw new Error(`artifact ${hash.slice(0, 12)} is not in the queue's Redis (expired, or another Redis)`);
      return checked(hash, new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    },
  };
}

/** The same in this process (a local run goes through the same packing as a queued one). */
export function memoryStore(): ArtifactStore {
  const m = new Map<string, Uint8Array>();
  return {
    async put(bytes) {
      const hash = sha256(bytes);
      m.set(hash, bytes);
      return hash;
    },
    async get(hash) {
      const b = m.get(hash);
      if (!b) throw new Error(`artifact ${hash.slice(0, 12)} is not in this store`);
      return checked(hash, b);
    },
  };
}

function checked(hash: string, bytes: Uint8Array): Uint8Array {
  const got = sha256(bytes);
  if (got !== hash) throw new Error(`artifact ${hash.slice(0, 12)} has the wrong content (sha256 ${got.slice(0, 12)})`);
  return bytes;
}

/**
 * Graphs by content address, fetched once per process; beyond `keep` graphs the oldest is
 * disposed (a worker runs one job at a time, so no job still holds it).
 */
export class GraphCache {
  private readonly graphs = new Map<string, Promise<Graph>>();
  constructor(
    readonly store: ArtifactStore,
    readonly keep = 4,
  ) {}

  async put(g: Graph): Promise<string> {
    return this.store.put(packGraph(g));
  }

  get(hash: string): Promise<Graph> {
    let g = this.graphs.get(hash);
    if (!g) {
      g = this.store.get(hash).then(unpackGraph);
      g.catch(() => this.graphs.delete(hash));
      this.graphs.set(hash, g);
      if (this.graphs.size > this.keep) {
        const [oldest, p] = this.graphs.entries().next().value as [string, Promise<Graph>];
        this.graphs.delete(oldest);
        p.then(
          (x) => x.dispose(),
          () => {},
        );
      }
    }
    return g;
  }
}
