// `--queue` for a command that scores SNNs: which evaluator (this process or a queue's workers) a
// command run uses. Kept out of evaluate/ so that evaluate/ does not import queue/ (which imports evaluate/).
import { type Evaluator, localEvaluator } from '../evaluate/evaluator.js';
import type { Command, CommandContext } from '../registry.js';

const open = new WeakMap<object, Evaluator>();

/** The evaluator opened for this command run (keyed by its parsed options). */
export function evaluatorOf(options: CommandContext['options']): Evaluator {
  return open.get(options) ?? localEvaluator;
}

/**
 * Gives a command `--queue redis://HOST:PORT`: the evaluator is opened before the command runs
 * (an unreachable queue fails before any expensive work) and closed after it, however it ends.
 */
export function withEvaluator(cmd: Command): Command {
  const nl = cmd.usage.indexOf('\n');
  const at = nl < 0 ? cmd.usage.length : nl;
  return {
    ...cmd,
    usage: `${cmd.usage.slice(0, at)} [--queue redis://HOST:PORT]${cmd.usage.slice(at)}`,
    options: { ...cmd.options, queue: { type: 'string' } },
    async run(ctx) {
      const url = ctx.options.queue as string | undefined;
      // loaded only when asked for: BullMQ and ioredis stay out of every other command's start
      const ev = url === undefined ? localEvaluator : await (await import('../queue/evaluator.js')).openQueueEvaluator(url, ctx);
      open.set(ctx.options, ev);
      try {
        await cmd.run(ctx);
      } finally {
        open.delete(ctx.options);
        await ev.close();
      }
    },
  };
}
