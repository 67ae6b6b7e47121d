import type { GraphNode } from '@snn/graph';
import * as tf from '@tensorflow/tfjs-core';
import type { LayerKernel } from '../kernels/types.js';
import type { ConvGeometry } from '../wasm/conv-geometry.js';
import { flatProgram, registerWebGpuKernel } from './wgsl.js';

/** The tfjs kernel name of the WGSL convolution of spikes. */
export const SPIKE_CONV = 'SnnSpikeConv2d';

/** A convolution's geometry, baked into its shader: the CPU engine's, plus dilation and whether there is a bias. */
interface Geometry extends ConvGeometry {
  dh: number;
  dw: number;
  bias: boolean;
}

function userCode(g: Geometry): string {
  const M4 = g.M / 4;
  return `
    fn main(index : i32) {
      if (index >= uniforms.size) { return; }
      let o = index % ${M4};
      var q = index / ${M4};
      let j = q % ${g.Wo};
      q = q / ${g.Wo};
      let i = q % ${g.Ho};
      let r = q / ${g.Ho};
      var acc = vec4<f32>(0.0);
      for (var u = 0; u < ${g.kh}; u++) {
        let h = i * ${g.sh} + u * ${g.dh} - ${g.pt};
        if (h < 0 || h >= ${g.H}) { continue; }
        for (var v = 0; v < ${g.kw}; v++) {
          let w = j * ${g.sw} + v * ${g.dw} - ${g.pl};
          if (w < 0 || w >= ${g.W}) { continue; }
          let xb = ((r * ${g.H} + h) * ${g.W} + w) * ${g.C};
          let wb = (u * ${g.kw} + v) * ${g.C * M4} + o;
          for (var c = 0; c < ${g.C}; c++) {
            let x = X[xb + c];
            if (x != 0.0) { acc = acc + x * Wt[wb + c * ${M4}]; }
          }
        }
      }
      result[index] = ${g.bias ? 'acc + Bias[o]' : 'acc'};
    }`;
}

function registerSpikeConv(): void {
  registerWebGpuKernel(
    SPIKE_CONV,
    ([x], a) => {
      const g = a.geometry as Geometry;
      const size = (x.shape[0] / (g.H * g.W * g.C)) * g.Ho * g.Wo * g.M;
      const key = `snn_spike_conv_${JSON.stringify(g)}`;
      const program = flatProgram(key, g.bias ? ['X', 'Wt', 'Bias'] : ['X', 'Wt'], 'size : i32,', size / 4, size, userCode(g));
      program.variableComponents = [1, 4, 4];
      program.outputComponent = 4;
      return { program, uniforms: [size / 4] };
    },
    ['x', 'w', 'b'],
  );
}

function geometry(node: GraphNode, input: readonly number[]): Geometry {
  const a = node.attrs as { strides: number[]; pads: number[]; dilations: number[] };
  const [kh, kw, C, M] = node.params.weight.shape;
  return {
    H: input[0],
    W: input[1],
    C,
    M,
    kh,
    kw,
    sh: a.strides[0],
    sw: a.strides[1],
    dh: a.dilations[0],
    dw: a.dilations[1],
    pt: a.pads[0],
    pl: a.pads[1],
    Ho: node.shape[0],
    Wo: node.shape[1],
    bias: !!node.params.bias,
  };
}

/**
 * A convolution of spikes on WebGPU, one thread per output value, skipping the zero inputs:
 *
 *   y[r, i, j, o] = b[o] + Σ_{u, v, c : x ≠ 0} x[r, i·s_h + u·d_h − p_t, j·s_w + v·d_w − p_l, c] · W[u, v, c, o]
 *
 * Adding 0·w changes no float sum, so the skip is exact; neighbouring threads share the input
 * pixel (consecutive o), so on SIMD hardware the branch is taken by all lanes together. Spike
 * trains are mostly zeros: this is what makes a step cheap.
 */
export const webgpuSpikeConvKernel: LayerKernel = {
  kind: 'layer',
  op: 'Conv2d',
  name: 'webgpu-spike-conv',
  priority: 50,
  fits: (l, backend) =>
    backend === 'webgpu' && l.spikyInput && (l.engine.sparse ?? true) && l.node.attrs.groups === 1 && l.inputShape.length === 3 && l.node.shape[2] % 4 === 0,
  create(l) {
    const { node } = l;
    const g = geometry(node, l.inputShape);
    return {
      run(io) {
        registerSpikeConv();
        const { weight, bias } = node.params;
        const x = tf.reshape(io.input(0), [-1]);
        const inputs: tf.NamedTensorMap = { x, w: tf.reshape(weight, [-1]), ...(bias ? { b: bias } : {}) };
        const y = tf.engine().runKernel(SPIKE_CONV, inputs, { geometry: g } as unknown as tf.NamedAttrMap) as tf.Tensor;
        io.values.setTensor(node.name, tf.reshape(y, [io.rows, g.Ho, g.Wo, g.M]));
      },
    };
  },
};
