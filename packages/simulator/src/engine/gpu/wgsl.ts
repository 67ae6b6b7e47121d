import * as tf from '@tensorflow/tfjs-core';

/** What a tfjs-backend-webgpu program declares (the fields of its `WebGPUProgram` this engine uses). */
export interface FlatProgram {
  outputShape: number[];
  shaderKey: string;
  variableNames: string[];
  uniforms: string;
  workgroupSize: [number, number, number];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  getUserCode: () => string;
  /** Values per element of each input (4: `vec4<f32>`), and of the output. */
  variableComponents?: number[];
  outputComponent?: number;
}

/** The part of tfjs-backend-webgpu's backend object a program runs through. */
interface WebGpuBackend {
  runWebGPUProgram(program: FlatProgram, inputs: tf.TensorInfo[], dtype: 'float32', uniforms: { type: 'int32'; data: number[] }[]): tf.TensorInfo;
}

const WORKGROUP = 64;

/**
 * A one-dimensional program over `threads` invocations writing `outputSize` float32 values:
 * `main(index)` runs once per thread (tfjs splits a dispatch over 65,535 workgroups itself).
 * Written against tfjs-backend-webgpu's program interface so no import of that package is needed:
 * the engine runs wherever the backend was loaded (Node over Dawn, a browser, a Web Worker).
 */
export function flatProgram(key: string, inputs: string[], uniforms: string, threads: number, outputSize: number, code: string): FlatProgram {
  return {
    outputShape: [outputSize],
    shaderKey: key,
    variableNames: inputs,
    uniforms,
    workgroupSize: [WORKGROUP, 1, 1],
    dispatchLayout: { x: [0] },
    dispatch: [Math.ceil(threads / WORKGROUP), 1, 1],
    getUserCode: () => code,
  };
}

/** Registers `kernelName` for the webgpu backend once (tfjs' kernel registry keyed by kernel and backend). */
export function registerWebGpuKernel(
  kernelName: string,
  build: (inputs: tf.TensorInfo[], attrs: Record<string, unknown>) => { program: FlatProgram; uniforms: number[] },
  order: string[],
): void {
  if (tf.getKernel(kernelName, 'webgpu')) return;
  tf.registerKernel({
    kernelName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const ins = order.map((k) => inputs[k] as tf.TensorInfo).filter((t) => t !== undefined);
      const { program, uniforms } = build(ins, attrs as Record<string, unknown>);
      return (backend as unknown as WebGpuBackend).runWebGPUProgram(
        program,
        ins,
        'float32',
        uniforms.map((v) => ({ type: 'int32' as const, data: [v] })),
      );
    },
  });
}

/** A float32 as an exact WGSL literal (its bit pattern), so a constant in a shader rounds nowhere. */
export function f32Literal(x: number): string {
  const bits = new Uint32Array(Float32Array.of(x).buffer)[0];
  return `bitcast<f32>(0x${bits.toString(16)}u)`;
}
