// Fenced code blocks of a markdown file, with how each is meant to be checked. The info string
// after the language says it: `run` (executed by tools/test/readme.test.ts), or
// `no-run: <why>` (illustrative, or too slow; the reason is required). js/ts blocks run unless
// marked otherwise; a block of any other language must say which it is.
import { readFileSync } from 'node:fs';

const RUN_BY_DEFAULT = new Set(['js', 'ts', 'javascript', 'typescript']);

/**
 * @param {string} file
 * @returns {Array<{ file: string, line: number, lang: string, run: boolean, reason: string | undefined, code: string, problem: string | undefined }>}
 */
export function codeBlocks(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, lang, info] = open;
    const start = i;
    const body = [];
    for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
    const noRun = /^no-run(?::\s*(.*))?$/.exec(info.trim());
    let problem;
    if (!lang) problem = 'a code block needs a language';
    else if (noRun && !noRun[1]) problem = "'no-run' needs a reason: no-run: <why>";
    else if (!noRun && info.trim() !== 'run' && info.trim() !== '') problem = `unknown info '${info}' (use run or no-run: <why>)`;
    else if (!noRun && info.trim() === '' && !RUN_BY_DEFAULT.has(lang)) problem = `a ${lang} block must say 'run' or 'no-run: <why>'`;
    blocks.push({ file, line: start + 1, lang, run: !noRun && !problem, reason: noRun?.[1], code: `${body.join('\n')}\n`, problem });
  }
  return blocks;
}
