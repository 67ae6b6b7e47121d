import { tensorflowFactory } from './node/tensorflow.js';
import { webgpuNodeFactory } from './node/webgpu-node.js';
import { registerBackendFactory } from './registry.js';

export * from './index.js';

registerBackendFactory('tensorflow', tensorflowFactory);
registerBackendFactory('webgpu', webgpuNodeFactory);
