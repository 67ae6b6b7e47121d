import { describe, expect, it } from 'vitest';
import { workerKernelTimes } from '../workers/warm.js';
import { kernelProfile, timeNode } from './chunk-profile.js';

describe('kernel times', () => {
  it('keep a node name run by two kernels apart (bias correction runs a split layer as an Affine under its Conv2d name)', () => {
    kernelProfile(true);
    timeNode('conv', 'Conv2d', 'sparse-conv')?.();
    timeNode('conv', 'Affine', 'tensor')?.();
    timeNode('conv', 'Conv2d', 'sparse-conv')?.();
    const here = kernelProfile(false).map((t) => `${t.op} ${t.kernel} ${t.calls}`);
    expect(here.sort()).toEqual(['Affine tensor 1', 'Conv2d sparse-conv 2']);
    workerKernelTimes.start();
    workerKernelTimes.add([
      { node: 'conv', op: 'Conv2d', kernel: 'sparse-conv', ms: 3, calls: 1 },
      { node: 'conv', op: 'Affine', kernel: 'tensor', ms: 1, calls: 1 },
    ]);
    workerKernelTimes.add([{ node: 'conv', op: 'Conv2d', kernel: 'sparse-conv', ms: 2, calls: 1 }]);
    expect(workerKernelTimes.read(true).map((t) => `${t.op} ${t.ms} ${t.calls}`)).toEqual(['Conv2d 5 2', 'Affine 1 1']);
  });
});
