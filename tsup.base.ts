import { defineConfig, type Options } from 'tsup';

/**
 * The build every @snn package shares: ESM with type declarations and source maps, ES2022.
 * A package passes its entry points and, rarely, an override.
 */
export function packageConfig(entry: Options['entry'], extra: Options = {}) {
  return defineConfig({ entry, format: ['esm'], dts: true, sourcemap: true, clean: true, target: 'es2022', ...extra });
}
