import { existsSync } from 'node:fs';

/** Where DejaVu Sans lives on common systems (Debian/Ubuntu `fonts-dejavu-core`, Fedora, Arch, Alpine). */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
];

/**
 * The font files handed to the PNG renderer: `explicit` if given (each must exist), else
 * `SNN_FONT_FILES` (a `:`-separated list), else the DejaVu Sans files found in
 * {@link FONT_CANDIDATES}. Throws when there are none: without a font, text silently vanishes.
 */
export function resolveFontFiles(explicit?: string[]): string[] {
  const fromEnv = process.env.SNN_FONT_FILES?.split(':').filter(Boolean);
  const given = explicit ?? fromEnv;
  if (given) {
    const missing = given.filter((f) => !existsSync(f));
    if (missing.length > 0) throw new Error(`fontFiles: not found: ${missing.join(', ')}`);
    if (given.length === 0) throw new Error('fontFiles: empty list; text in the PNG would not render');
    return given;
  }
  const found = FONT_CANDIDATES.filter((f) => existsSync(f));
  if (found.length === 0) {
    throw new Error(
      'fontFiles: no DejaVu Sans font found for PNG text (looked in ' +
        `${FONT_CANDIDATES[0]} and ${FONT_CANDIDATES.length - 1} other places). Install it (Debian: apt-get install fonts-dejavu-core), ` +
        'or pass { fontFiles: [...] } / set SNN_FONT_FILES to .ttf files.',
    );
  }
  return found;
}
