/** Time spent per node of the chunked engine, in this thread (see {@link kernelProfile}). */
export interface KernelTime {
  node: string;
  op: string;
  /** The kernel that ran it (`static` for a node computed once per batch). */
  kernel: string;
  ms: number;
  calls: number;
}

let times: Map<string, KernelTime> | undefined;

/**
 * Per-node wall time of the chunked engine's kernels in the calling thread (a run with
 * `workers: 1`): `kernelProfile(true)` clears and starts recording, `kernelProfile()` returns what
 * was recorded (largest first), `kernelProfile(false)` stops. Off by default (no timer calls).
 *
 * @example
 * kernelProfile(true); await simulate(snn, data, { T: 64, workers: 1 }); console.table(kernelProfile());
 */
export function kernelProfile(on?: boolean): KernelTime[] {
  if (on === true) times = new Map();
  const out = [...(times?.values() ?? [])].sort((a, b) => b.ms - a.ms);
  if (on === false) times = undefined;
  return out;
}

/**
 * What a {@link KernelTime} is summed under: the node with its op and kernel (runs of different graphs reuse node
 * names: bias correction's split layer runs as an Affine under the name its Conv2d has in the candidates' runs).
 */
export const timeKey = (t: Pick<KernelTime, 'node' | 'op' | 'kernel'>): string => `${t.node}\u0000${t.op}\u0000${t.kernel}`;

/** Starts timing a node when profiling is on: returns the function that records it, else undefined. */
export function timeNode(node: string, op: string, kernel: string): (() => void) | undefined {
  const m = times;
  if (!m) return undefined;
  const t0 = performance.now();
  return () => {
    const key = timeKey({ node, op, kernel });
    const e = m.get(key) ?? { node, op, kernel, ms: 0, calls: 0 };
    e.ms += performance.now() - t0;
    e.calls++;
    m.set(key, e);
  };
}
