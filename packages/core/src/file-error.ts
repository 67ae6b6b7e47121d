/** Plain words for the file-system error codes a user can cause (a wrong path, a folder, no access). */
const TEXT: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file (a part of the path is not a folder)',
  EISDIR: 'a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
};

/**
 * What went wrong reading a file, in words, for a one-line user error: `no such file`,
 * `a folder, not a file`, `permission denied`, …; any other failure as `cannot read it (CODE)`.
 * One text for every reader (model, data, JSON input), so the same mistake reads the same.
 *
 * @example
 * try { readFileSync(path); } catch (e) { throw new Error(`${path}: ${fileErrorText(e)}`); } // "x.onnx: no such file"
 */
export function fileErrorText(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return TEXT[code] ?? `cannot read it (${code})`;
  return `cannot read it (${e instanceof Error ? e.message : String(e)})`;
}
