import type { EngineHooks } from '../engine/hooks.js';
import type { MonitorSession } from './types.js';

/** The engines' output hook: the graph output per step, time-major `[steps, count, size]` (one block for every step when `same`). */
export type OutputHook = NonNullable<EngineHooks['output']>;

/**
 * A monitor session that observes the graph's output only: it asks for no spikes and no membrane
 * potentials (so the engines keep their fast paths), ignores both hooks, and passes each chunk of
 * output `out_t[s, j]` (steps t0 … t0 + steps − 1 of samples first … first + count − 1) to `output`.
 * `partial` returns this thread's structured-clonable result, as for any {@link MonitorSession}.
 *
 * @example
 * const kind: MonitorKind = {
 *   kind: 'outputSum',
 *   session() {
 *     let sum = 0; // Σ_t Σ_s Σ_j out_t[s, j]
 *     return outputOnlySession((info, out, same) => {
 *       for (let i = 0; i < out.length; i++) sum += (same ? info.steps : 1) * out[i];
 *     }, () => sum);
 *   },
 *   merge: (_m, parts) => (parts as number[]).reduce((a, b) => a + b, 0),
 * };
 */
export function outputOnlySession(output: OutputHook, partial: () => unknown): MonitorSession {
  return { wantsSpikes: () => false, wantsMembrane: () => false, spikes() {}, membrane() {}, output, partial };
}
