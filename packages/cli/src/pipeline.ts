// What the commands share, gathered for their imports: model and data loading, subsets, option parsing.
export { annAccuracy } from './ann-accuracy.js';
export { checkDataFits, limitSplit, loadData, SUBSET_SEED, testSubset } from './data.js';
export { isSpiking, loadModel } from './model.js';
export { modeOption, parseTimeSteps, positiveInt } from './options.js';
export { calibrationBatches } from './calibration.js';
