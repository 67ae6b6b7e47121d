import { builtinCommands } from './commands/index.js';
import { registerCommand } from './registry.js';

export { runCli, usage, processIO } from './main.js';
export { UserError, EXIT } from './errors.js';
export { registerCommand, getCommand, listCommands, type Command, type CommandContext, type CliIO } from './registry.js';
export { readTensorJson, tensorJson, type TensorJson } from './tensor-json.js';
export { startBackend } from './backend.js';
export { type HeldOut, holdOutValidation, trainingUse } from './training.js';
export { fastStagedMeans, stagedMeansOn } from './staged-means.js';
export { COST_IMAGES, fastOutputMeans, stratifiedOrder, validator, VALIDATION_RACE_IMAGES, VALIDATION_SCORE_IMAGES } from './validation.js';
export { calibrationBatches } from './calibration.js';
export { AnnThread } from './ann-thread.js';
export { threadHelper } from './calibration-helper.js';
export { type EpochReport, type TrainOptions, trainTutorialCnn } from './demo/train.js';

for (const c of builtinCommands) registerCommand(c);
