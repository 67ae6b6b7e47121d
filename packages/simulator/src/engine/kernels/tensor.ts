import { callLayer } from '../layer-call.js';
import type { LayerKernel } from './types.js';

/** Any stateless node through its tfjs layer (`[steps·B, …]`, time folded into the batch): the fallback of every op. */
export const tensorKernel: LayerKernel = {
  kind: 'layer',
  op: '*',
  name: 'tensor',
  priority: 0,
  fits: () => true,
  create: ({ node }) => ({
    run(io) {
      io.values.setTensor(
        node.name,
        callLayer(
          node,
          node.inputs.map((_, k) => io.input(k)),
        ),
      );
    },
  }),
};
