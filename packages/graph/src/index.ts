import './layers/index.js';

export type { GraphErrorWhere } from './errors.js';
export { GraphError } from './errors.js';
export type { GraphInput, GraphNode, GraphState, NodeSpec } from './types.js';
export type { ForwardContext, LayerDef, ShapeContext } from './layer.js';
export { getLayer, hasLayer, listLayers, registerLayer } from './registry.js';
export { Graph, type GraphChanges } from './graph.js';
export { GraphBuilder } from './builder.js';
export { disposeState, execute, type ExecuteOptions, type ExecuteResult } from './execute.js';
export { createRng } from './rng.js';
export { builtinLayers } from './layers/index.js';
export { neuronParams } from './layers/spiking.js';
