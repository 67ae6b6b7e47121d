import { conformanceSuite } from './suite.js';

// WebGPU in Node through the `webgpu` package over SwiftShader (Debian's chromium ships the driver).
// CI installs chromium, so this runs there; 1e-3 because WebGPU's f32 transcendental/accumulation order differs.
conformanceSuite('webgpu', { tol: 1e-3 });
