import { UserError } from '../errors.js';
import { positiveInt } from '../pipeline.js';
import type { Command } from '../registry.js';

/**
 * `snn worker --queue redis://HOST:PORT`: takes shards (eval shards, sweep cells) from the queue
 * one at a time, runs them with the local fast path and returns their counts, until SIGINT or
 * SIGTERM. Start any number, on any machines that reach the Redis and have the data sources.
 */
export const workerCommand: Command = {
  name: 'worker',
  summary: 'run shards of queued evaluations and sweeps (snn eval/sweep --queue) until stopped',
  usage:
    'worker --queue redis://HOST:PORT [--threads N|auto] [--lock-seconds S]\n  e.g. snn worker --queue redis://REDIS_HOST:6379 (one per machine; --threads auto uses its cores)',
  options: { queue: { type: 'string' }, threads: { type: 'string' }, 'lock-seconds': { type: 'string' } },
  positionals: { min: 0, max: 0, names: 'no arguments' },
  async run({ options, io, backend, verbose }) {
    if (options.queue === undefined) throw new UserError('--queue redis://HOST:PORT is required');
    const { parseQueueUrl } = await import('../queue/connection.js');
    const ep = parseQueueUrl(options.queue as string);
    const t = options.threads as string | undefined;
    const threads = t === undefined || t === 'auto' ? 'auto' : (positiveInt('threads', t) as number);
    // A worker that dies stops renewing its lock; after this long another worker re-runs its shard.
    const lockMs = 1000 * (positiveInt('lock-seconds', options['lock-seconds'] as string | undefined, 30) as number);
    const { serve } = await import('../queue/serve.js');
    await serve(ep, io, { threads, lockMs, verbose, backend: await backend() });
  },
};
