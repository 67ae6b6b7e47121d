import type { EngineHooks } from '../engine/hooks.js';
import { getMonitorKind } from './registry.js';
import type { Monitor, MonitorContext, MonitorSession } from './types.js';

/** Every monitor's session in one thread, seen by the engine as one set of hooks. */
export class MonitorHub implements EngineHooks {
  private readonly sessions: MonitorSession[];

  constructor(monitors: readonly Monitor[], ctx: MonitorContext) {
    this.sessions = monitors.map((m) => getMonitorKind(m.kind).session(m, ctx));
  }

  get empty(): boolean {
    return this.sessions.length === 0;
  }

  wantsSpikes(node: string): boolean {
    return this.sessions.some((s) => s.wantsSpikes(node));
  }

  wantsMembrane(node: string): boolean {
    return this.sessions.some((s) => s.wantsMembrane(node));
  }

  spikes(...args: Parameters<EngineHooks['spikes']>): void {
    for (const s of this.sessions) if (s.wantsSpikes(args[0].node)) s.spikes(...args);
  }

  membrane(...args: Parameters<EngineHooks['membrane']>): void {
    for (const s of this.sessions) if (s.wantsMembrane(args[0].node)) s.membrane(...args);
  }

  wantsValues(node: string): boolean {
    return this.sessions.some((s) => s.wantsValues?.(node));
  }

  values(...args: Parameters<NonNullable<EngineHooks['values']>>): void {
    for (const s of this.sessions) if (s.wantsValues?.(args[0].node)) s.values?.(...args);
  }

  output(...args: Parameters<NonNullable<EngineHooks['output']>>): void {
    for (const s of this.sessions) s.output?.(...args);
  }

  /** Each session's partial result, in monitor order. */
  partials(): unknown[] {
    return this.sessions.map((s) => s.partial());
  }
}

/** Merges per-thread partials (`parts[thread][monitor]`) into `{ [monitor.name]: result }`. */
export function mergeMonitors(monitors: readonly Monitor[], parts: unknown[][], ctx: MonitorContext, n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  monitors.forEach((m, i) => {
    out[m.name] = getMonitorKind(m.kind).merge(
      m,
      parts.map((p) => p[i]),
      ctx,
      n,
    );
  });
  return out;
}

/** Checks every monitor against the graph, and that names are unique. */
export function checkMonitors(monitors: readonly Monitor[], ctx: MonitorContext): void {
  const seen = new Set<string>();
  for (const m of monitors) {
    if (seen.has(m.name)) throw new RangeError(`two monitors are named '${m.name}': give one a different name`);
    seen.add(m.name);
    getMonitorKind(m.kind).check?.(m, ctx);
  }
}
