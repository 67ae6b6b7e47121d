import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper without types
import { installAlone } from '../pack-install.mjs';

const TF = '4.22.0';

describe('packages install alone from their tarballs', () => {
  it('@snn/backend with only tfjs-core and tfjs-backend-wasm: initBackend() gives wasm', () => {
    const { dir, stdout } = installAlone(
      'backend',
      { '@tensorflow/tfjs-core': TF, '@tensorflow/tfjs-backend-wasm': TF },
      "import { initBackend } from '@snn/backend';\nconst r = await initBackend();\nconsole.log(JSON.stringify(r));\n",
    );
    const report = JSON.parse(stdout.trim().split('\n').pop() as string);
    expect(report.backend).toBe('wasm');
    expect(report.attempts[0].name).toBe('tensorflow');
    // nothing but what was asked for: no cpu backend, no other @snn package
    const installed = readdirSync(join(dir, 'node_modules', '@tensorflow'));
    expect(installed.sort()).toEqual(['tfjs-backend-wasm', 'tfjs-core']);
  });
});
