// Sums the vitest JSON reports of every workspace package into one plain line:
// "N passed, N failed, N skipped" (what CI reads), listing each package's counts first.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dirs = ['packages', 'examples']
  .flatMap((d) => (existsSync(join(root, d)) ? readdirSync(join(root, d)).map((p) => join(root, d, p)) : []))
  .concat([join(root, 'tools')]);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of dirs) {
  const report = join(dir, '.test-report.json');
  if (!existsSync(report)) continue;
  const r = JSON.parse(readFileSync(report, 'utf8'));
  // a file that failed with no failed test in it (import error, a beforeAll that threw: its tests read as skipped)
  const suiteErrors = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  console.log(
    `${dir.slice(root.length + 1)}: ${r.numPassedTests} passed, ${r.numFailedTests + suiteErrors} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
  );
  passed += r.numPassedTests;
  failed += r.numFailedTests + suiteErrors;
  skipped += r.numPendingTests + r.numTodoTests;
}
const browser = join(root, '.browser-report.json');
if (existsSync(browser)) {
  const r = JSON.parse(readFileSync(browser, 'utf8'));
  console.log(`browser: ${r.passed} passed, ${r.failed} failed`);
  passed += r.passed;
  failed += r.failed;
}
if (process.env.SNN_EXTRA_FAILED === '1' && failed === 0) {
  console.log('the test command failed outside the test runners (build, typecheck, publint or lint): counted as one failure');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
