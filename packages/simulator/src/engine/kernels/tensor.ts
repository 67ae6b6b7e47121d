import { callLayer } from '../layer-call.js';
import type { LayerExec, LayerKernel } from './types.js';

/** Runs the node's tfjs layer on the chunk's inputs. */
const tensorExec = ({ node }: Parameters<LayerKernel['create']>[0]): LayerExec => ({
  run: (io) =>
    io.values.setTensor(
      node.name,
      callLayer(
        node,
        node.inputs.map((_, k) => io.input(k)),
      ),
    ),
});

/** Any stateless node through its tfjs layer (`[steps·B, …]`, time folded into the batch): the fallback of every op. */
export const tensorKernel: LayerKernel = { kind: 'layer', op: '*', name: 'tensor', priority: 0, fits: () => true, create: tensorExec };
