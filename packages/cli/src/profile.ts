import { type KernelTime, kernelProfile, workerKernelTimes } from '@snn/simulator';
import type { CliIO } from './registry.js';

/** One timed part of a command: its name, seconds, and how often it ran (summed phases, e.g. one per mode). */
export interface ProfilePhase {
  name: string;
  seconds: number;
  count: number;
}

/**
 * The whole-process time split of one `snn` run (`--profile` or `SNN_PROFILE=1`): phases in the
 * order they first ran, each the sum of its timed spans. `startup` is Node's own start (process
 * start → the first line of `bin.js`, `performance.now()` there), `import` the CLI's module graph;
 * what no phase covers is reported as `other`, so the rows add up to the wall time:
 *
 *   wall = Σ phases + other        share(phase) = phase / wall
 */
export class Profile {
  private readonly phases = new Map<string, ProfilePhase>();

  /** Adds `seconds` to phase `name` (created on first use, in that order). */
  add(name: string, seconds: number): void {
    const p = this.phases.get(name) ?? { name, seconds: 0, count: 0 };
    p.seconds += seconds;
    p.count += 1;
    this.phases.set(name, p);
  }

  /** Runs `f`, adding its duration (until its promise settles) to phase `name`; returns what `f` returns. */
  async time<T>(name: string, f: () => T | Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      this.add(name, (performance.now() - t0) / 1000);
    }
  }

  /**
   * A stage clock for progress callbacks that name their stage (the converter's `calibrate`,
   * `bias-correction`): each call charges the time since the previous call (or since `start`) to
   * `prefix:stage`. Returns the callback and `end()`, which charges the rest to `prefix:rest`.
   */
  stages(prefix: string): { mark(stage: string): void; end(): void } {
    let last = performance.now();
    const charge = (stage: string) => {
      const now = performance.now();
      this.add(`${prefix}:${stage}`, (now - last) / 1000);
      last = now;
    };
    return { mark: charge, end: () => charge('rest') };
  }

  /** The phases so far, in first-use order. */
  list(): ProfilePhase[] {
    return [...this.phases.values()].map((p) => ({ ...p }));
  }

  /**
   * The split as a table, every phase with its share of `wallSeconds` (default: the process's
   * time so far, `performance.now()`), each followed by its sub-phases (indented), plus `other` for the rest.
   */
  format(wallSeconds = performance.now() / 1000): string {
    const list = this.list();
    // sub-phases (`convert:calibrate`) are parts of their parent, shown under it: only top-level phases add up
    const tops = list.filter((p) => !p.name.includes(':'));
    const under = (t: string) => list.filter((p) => p.name.startsWith(`${t}:`));
    const orphans = list.filter((p) => p.name.includes(':') && !tops.some((t) => p.name.startsWith(`${t.name}:`)));
    const rows = [...tops.flatMap((t) => [t, ...under(t.name)]), ...orphans];
    const covered = tops.reduce((s, p) => s + p.seconds, 0);
    const all = [...rows, { name: 'other', seconds: Math.max(0, wallSeconds - covered), count: 1 }];
    const width = Math.max(...all.map((p) => p.name.length), 5);
    const line = (name: string, s: number, count: number) =>
      `  ${name.padEnd(width)} ${s.toFixed(3).padStart(8)} s ${((100 * s) / wallSeconds).toFixed(1).padStart(5)} %${count > 1 ? `  (${count}×)` : ''}`;
    return [
      `profile: ${wallSeconds.toFixed(3)} s wall`,
      ...all.map((p) => line(p.name.includes(':') ? `  ${p.name.slice(p.name.indexOf(':') + 1)}` : p.name, p.seconds, p.count)),
      '',
    ].join('\n');
  }
}

let active: Profile | undefined;

/** Is profiling asked for: `--profile` among the arguments, or `SNN_PROFILE=1` in the environment. */
export const profileWanted = (argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean => argv.includes('--profile') || env.SNN_PROFILE === '1';

/** Starts this run's profile (called by `runCli` when {@link profileWanted}); phases before it (startup, import) are given as seconds. */
export function startProfile(before: Record<string, number> = {}): Profile {
  active = new Profile();
  kernelProfile(true); // simulation in this thread, per node
  workerKernelTimes.start(); // and in the worker threads
  for (const [name, s] of Object.entries(before)) active.add(name, s);
  return active;
}

/** Ends this run's profile: prints the split on stderr and forgets it. */
export function endProfile(io: CliIO): void {
  if (active) io.stderr(active.format() + kernelTable([...kernelProfile(false), ...workerKernelTimes.read(true)]));
  active = undefined;
}

/**
 * Simulation time per layer kind (op and the kernel that ran it), summed over every node of that
 * kind and every thread that simulated (so with 2 workers it can reach twice the wall time):
 *
 *   share(kind) = Σ_nodes ms / Σ_all ms
 */
export function kernelTable(times: readonly KernelTime[]): string {
  if (!times.length) return '';
  const kinds = new Map<string, { ms: number; nodes: Set<string> }>();
  for (const t of times) {
    const key = `${t.op} (${t.kernel})`;
    const k = kinds.get(key) ?? { ms: 0, nodes: new Set() };
    k.ms += t.ms;
    k.nodes.add(t.node);
    kinds.set(key, k);
  }
  const total = [...kinds.values()].reduce((s, k) => s + k.ms, 0);
  const rows = [...kinds].sort((a, b) => b[1].ms - a[1].ms);
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    `simulation by layer kind: ${(total / 1000).toFixed(3)} thread-seconds`,
    ...rows.map(
      ([name, k]) =>
        `  ${name.padEnd(width)} ${(k.ms / 1000).toFixed(3).padStart(8)} s ${((100 * k.ms) / total).toFixed(1).padStart(5)} %  (${k.nodes.size} node${k.nodes.size > 1 ? 's' : ''})`,
    ),
    '',
  ].join('\n');
}

/**
 * Times `f` as phase `name` of this run's profile, or just runs it when no profile is on (the
 * commands call this unconditionally: it costs one branch).
 *
 * @example const model = await phase('model', () => loadModel(path));
 */
export function phase<T>(name: string, f: () => T | Promise<T>): Promise<T> {
  return active ? active.time(name, f) : (async () => f())();
}

/** This run's profile, when one is on (for stage clocks and phases timed elsewhere, e.g. in workers). */
export const currentProfile = (): Profile | undefined => active;
