// tools/browser/main-thread.ts reads chromium's trace: only the renderers' main threads count (not
// workers, not the GPU process), a task's wall time is `dur` and its CPU time `tdur` (µs).
import { describe, expect, it } from 'vitest';
import { FRAME_MS, mainThreadTasks } from '../browser/main-thread.js';

const name = (pid: number, tid: number, n: string) => ({ ph: 'M', name: 'thread_name', pid, tid, args: { name: n } });
const task = (pid: number, tid: number, dur: number, tdur?: number) => ({ ph: 'X', name: 'ThreadControllerImpl::RunTask', pid, tid, dur, tdur });

describe('mainThreadTasks', () => {
  it('takes the tasks of CrRendererMain threads only, wall from dur and CPU from tdur, counting those over one frame', () => {
    const traceEvents = [
      name(1, 1, 'CrRendererMain'),
      name(1, 2, 'DedicatedWorker thread'),
      name(2, 7, 'CrGpuMain'),
      name(3, 3, 'CrRendererMain'),
      task(1, 1, 30_000, 4_000), // waited for a core: long wall, little CPU
      task(1, 1, 18_000, 17_000),
      task(1, 2, 500_000, 500_000), // the worker computing: not the page's thread
      task(2, 7, 90_000, 90_000),
      task(3, 3, 2_000), // no thread time recorded: 0 CPU
      { ph: 'X', name: 'Layout', pid: 1, tid: 1, dur: 99_000, tdur: 99_000 }, // not a task of its own
    ];
    expect(mainThreadTasks({ traceEvents })).toEqual({ tasks: 3, threads: 2, longestMs: 30, longestCpuMs: 17, overFrameCpu: 1, overFrameWall: 2 });
    expect(FRAME_MS).toBeCloseTo(16.667, 3);
  });

  it('an empty trace: no tasks, zeros', () => {
    expect(mainThreadTasks({ traceEvents: [] })).toEqual({ tasks: 0, threads: 0, longestMs: 0, longestCpuMs: 0, overFrameCpu: 0, overFrameWall: 0 });
  });
});
