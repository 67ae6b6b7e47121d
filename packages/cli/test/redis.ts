// A real redis-server on 127.0.0.1 at a free port, and `snn worker` processes, for the queue tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const bin = join(import.meta.dirname, '..', 'dist', 'bin.js');

/** A free TCP port on 127.0.0.1 (bound once, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A child process whose output is collected, with a way to wait for a line. */
export interface Child {
  proc: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in the output after character `from`. */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function start(cmd: string, args: string[]): Child {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const waiters: Array<() => void> = [];
  const onData = (d: Buffer) => {
    text += d.toString();
    for (const w of waiters.splice(0)) w();
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    proc,
    output: () => text,
    waitFor(pattern, timeoutMs = 30_000, from = 0) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} in:\n${text}`)), timeoutMs);
        const check = () => {
          const m = text.slice(from).match(pattern);
          if (m) {
            clearTimeout(timer);
            resolve(m[0]);
          } else waiters.push(check);
        };
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** `redis-server` with no persistence on 127.0.0.1, ready when it answers. */
export async function startRedis(): Promise<{ url: string; port: number; server: Child }> {
  const port = await freePort();
  const server = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no']);
  await server.waitFor(/Ready to accept connections/, 15_000);
  return { url: `redis://127.0.0.1:${port}`, port, server };
}

/** `snn worker` as users start it (the built bin), verbose so tests can see which shard it runs. */
export async function startWorker(url: string, ...extra: string[]): Promise<Child> {
  const w = start(process.execPath, [bin, 'worker', '--queue', url, '--verbose', '--threads', '1', ...extra]);
  await w.waitFor(/waiting for shards/, 60_000);
  return w;
}
