// Every task the page's main thread ran while an action was going on, from chromium's own trace
// (the `toplevel` category: one `ThreadControllerImpl::RunTask` event per task on `CrRendererMain`,
// with its wall time `dur` and its thread CPU time `tdur`). This sees tasks of any length, where
// the Long Tasks API only reports those over 50 ms, and it sees the browser's own work on that
// thread (style, layout, paint, commit), not only the page's scripts.
import type { Browser, Page } from 'playwright-core';

/** One frame at 60 Hz, in ms: a task longer than this delays the next frame. */
export const FRAME_MS = 1000 / 60;

/** The page's main-thread tasks during an action. */
export interface MainThreadTasks {
  /** Tasks seen on the renderers' main threads. */
  tasks: number;
  /** Renderer main threads seen (one per open page's process). */
  threads: number;
  /** The longest task's wall time (ms): includes time the thread waited for a core on a loaded machine. */
  longestMs: number;
  /** The longest task's CPU time on that thread (ms): the work the task itself did. */
  longestCpuMs: number;
  /** Tasks whose CPU time exceeded one frame ({@link FRAME_MS}). */
  overFrameCpu: number;
  /** Tasks whose wall time exceeded one frame. */
  overFrameWall: number;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Summarises a chromium trace (`{ traceEvents }`) into the renderer main threads' tasks. */
export function mainThreadTasks(trace: { traceEvents: TraceEvent[] }): MainThreadTasks {
  const main = new Set<string>();
  for (const e of trace.traceEvents) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') main.add(`${e.pid}:${e.tid}`);
  const tasks = trace.traceEvents.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && main.has(`${e.pid}:${e.tid}`));
  const ms = (us: number | undefined) => (us ?? 0) / 1000;
  return {
    tasks: tasks.length,
    threads: main.size,
    longestMs: Math.max(0, ...tasks.map((t) => ms(t.dur))),
    longestCpuMs: Math.max(0, ...tasks.map((t) => ms(t.tdur))),
    overFrameCpu: tasks.filter((t) => ms(t.tdur) > FRAME_MS).length,
    overFrameWall: tasks.filter((t) => ms(t.dur) > FRAME_MS).length,
  };
}

/** Runs `action` while chromium traces `page`'s browser; returns its result and the main thread's tasks meanwhile. */
export async function traceMainThread<R>(browser: Browser, page: Page, action: () => Promise<R>): Promise<{ result: R; main: MainThreadTasks }> {
  await browser.startTracing(page, { categories: ['toplevel'] });
  let result: R;
  try {
    result = await action();
  } catch (e) {
    await browser.stopTracing();
    throw e;
  }
  const buf = await browser.stopTracing();
  return { result, main: mainThreadTasks(JSON.parse(buf.toString())) };
}
