export interface BrowserBundle {
  ok: boolean;
  builtins: Array<{ module: string; importer: string }>;
  errors: string[];
  inputs: string[];
  code: string;
  bytes: number;
}
export function bundleForBrowser(entry: string, o?: { cwd?: string; external?: string[]; conditions?: string[] }): Promise<BrowserBundle>;
export function browserBundle(specifier: string, o?: { cwd?: string; external?: string[] }): Promise<BrowserBundle>;
