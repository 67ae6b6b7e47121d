// Paths and reference values of the fixtures written by tools/fixtures/user_data.py.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const userFixtures = join(import.meta.dirname, 'fixtures');
export const userFixture = (...parts: string[]) => join(userFixtures, ...parts);

export interface UserDataReference {
  classes: string[];
  test_indices: number[];
  jpeg_every: number;
  edge: Record<'float32_nchw' | 'seq_ncl', { nhwc: number[]; labels: number[] }>;
  resize: Array<{ file: string; size: [number, number]; label: number; grey: number[]; resized: number[] }>;
}

export const userDataReference = (): UserDataReference => JSON.parse(readFileSync(userFixture('user_data.reference.json'), 'utf8'));
