import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GRAPH_FILES } from '@snn/graph';
import { checkOutputPath } from '../output-path.js';

/** What a folder `snn demo` wrote holds: its report page and the model it trained (reused next time). */
const DEMO_MARKS = ['index.html', join('model', GRAPH_FILES.json)];

/**
 * Checks `snn demo --out DIR` before any work (training, data): `checkOutputPath`'s rules for a
 * folder (missing or empty, creatable, writable; a file or a folder of other things needs
 * `--force`), except that a folder an earlier demo wrote is the demo's own: it is rewritten, and
 * its trained model reused, without `--force`.
 *
 * @example checkDemoOut('snn-report', false); // throws a UserError naming --out and the fault
 */
export function checkDemoOut(out: string, force: boolean): void {
  const ours = existsSync(out) && statSync(out).isDirectory() && readdirSync(out).length > 0 && DEMO_MARKS.some((m) => existsSync(join(out, m)));
  checkOutputPath('--out', out, 'dir', force || ours);
}
