import { createRegistry } from '@snn/core';
import { constantEncoder } from './constant.js';
import { poissonEncoder } from './poisson.js';
import { type ReplayOptions, replayEncoder } from './replay.js';
import type { Encoder, EncoderSpec } from './types.js';

const factories = createRegistry<(spec: EncoderSpec) => Encoder>('encoder');

/**
 * Registers an encoder kind, so that {@link encoderFromSpec} (and worker threads, which receive
 * encoders as specs) can build it. A later registration replaces an earlier one.
 *
 * @example
 * registerEncoder('inverted', () => ({ spec: { kind: 'inverted' }, constant: true, encode: ... }));
 */
export function registerEncoder(kind: string, make: (spec: EncoderSpec) => Encoder): void {
  factories.set(kind, make);
}

/** Builds the encoder a spec describes; throws naming the known kinds for an unknown one. */
export function encoderFromSpec(spec: EncoderSpec): Encoder {
  return factories.get(spec?.kind)(spec);
}

registerEncoder('constant', () => constantEncoder());
registerEncoder('poisson', (s) => poissonEncoder({ seed: s.seed as number | undefined }));
registerEncoder('replay', (s) => replayEncoder(s as unknown as ReplayOptions));

/** An encoder, or one built from its spec; constant when none is given. */
export function resolveEncoder(e: Encoder | EncoderSpec | undefined): Encoder {
  if (!e) return constantEncoder();
  return typeof (e as Encoder).encode === 'function' ? (e as Encoder) : encoderFromSpec(e as EncoderSpec);
}
