import { Redis } from 'ioredis';
import { UserError } from '../errors.js';

/** Where the queue lives: `redis://HOST:PORT[/DB]`. */
export interface QueueEndpoint {
  url: string;
  host: string;
  port: number;
  db: number;
}

/** The BullMQ queue every coordinator and worker uses (one queue; jobs carry their run id). */
export const QUEUE_NAME = 'snn-shards';

/** Parses `--queue redis://HOST:PORT[/DB]`, naming the flag on a bad value. */
export function parseQueueUrl(text: string, flag = '--queue'): QueueEndpoint {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UserError(`${flag} ${text}: expected redis://HOST:PORT`);
  }
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (u.protocol !== 'redis:' || !u.hostname || !Number.isInteger(db) || db < 0)
    throw new UserError(`${flag} ${text}: expected redis://HOST:PORT (optionally /DB)`);
  return { url: text, host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : 6379, db };
}

/** Connection options for BullMQ (workers need `maxRetriesPerRequest: null`). */
export const bullConnection = (ep: QueueEndpoint) => ({ host: ep.host, port: ep.port, db: ep.db, maxRetriesPerRequest: null });

/**
 * Opens a client and checks that Redis answers, within `timeoutMs`; an unreachable server is a
 * one-line user error naming the URL (ioredis alone would retry forever). Nothing expensive has
 * run yet when this fails.
 */
export async function connectRedis(ep: QueueEndpoint, timeoutMs = 3000): Promise<Redis> {
  const redis = new Redis({
    host: ep.host,
    port: ep.port,
    db: ep.db,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
    maxRetriesPerRequest: 1,
  });
  let why = '';
  redis.on('error', (e: NodeJS.ErrnoException) => {
    why ||= e.code ?? e.message;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    throw new UserError(`--queue ${ep.url}: cannot reach Redis (${why || (e as Error).message})`);
  }
  return redis;
}
