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
export { initBatchNorm, initConv2d, initLinear, torchDefaultBound, uniform } from './init.js';
export { tutorialCnn, type TutorialCnnOptions } from './models/tutorial-cnn.js';
export { crossEntropy } from './train/loss.js';
export { makeOptimizer, type AdamSpec, type OptimizerSpec, type SgdSpec } from './train/optimizer.js';
export { Trainer, type TrainerOptions } from './train/trainer.js';
export { evaluate, gatherBatch, shuffled, trainEpoch, type ArraySamples, type BatchProgress } from './train/data.js';
