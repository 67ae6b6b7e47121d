import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, initBackend, listBackendFactories, registerBackendFactory } from './node.js';

describe('initBackend (Node entry)', () => {
  it('offers tensorflow, wasm, cpu by priority and webgpu last', () => {
    expect(listBackendFactories()).toEqual(['tensorflow', 'wasm', 'cpu', 'webgpu']);
  });

  it('falls back to wasm when tfjs-node(-gpu) is absent, and says how to install it', async () => {
    const report = await initBackend();
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const [tfAttempt, wasmAttempt] = report.attempts;
    expect(tfAttempt).toMatchObject({ name: 'tensorflow', ok: false });
    expect(tfAttempt.reason).toMatch(/pnpm add @tensorflow\/tfjs-node-gpu/);
    expect(wasmAttempt).toMatchObject({ name: 'wasm', ok: true });
  });

  it('is strict for a single name and names what failed', async () => {
    const err = await initBackend('tensorflow').catch((e) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect(err.message).toMatch(/\[tensorflow\]/);
    expect(err.attempts).toHaveLength(1);
    expect(tf.getBackend()).toBe('wasm'); // a failed strict request leaves the engine as it was
  });

  it('falls back through an explicit order', async () => {
    const report = await initBackend(['tensorflow', 'cpu']);
    expect(report.backend).toBe('cpu');
    expect(report.attempts.map((a) => a.ok)).toEqual([false, true]);
  });

  it('refuses an unknown backend name clearly', async () => {
    const err = await initBackend({ order: ['metal' as never], strict: true }).catch((e) => e);
    expect(err.message).toMatch(/'metal' is not offered on this platform/);
  });

  it('reports a factory that throws and moves on', async () => {
    registerBackendFactory('webgpu', {
      priority: 0,
      load: async () => {
        throw new Error('adapter lost');
      },
    });
    const report = await initBackend(['webgpu', 'cpu']);
    expect(report.attempts[0]).toMatchObject({ name: 'webgpu', ok: false, reason: 'adapter lost' });
    expect(report.backend).toBe('cpu');
  });
});
