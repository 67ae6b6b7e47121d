import type { Split } from '@snn/datasets';
import { evaluate, type Graph } from '@snn/graph';

/** ANN accuracy over a split: `@snn/graph`'s `evaluate` (argmax of the output against the labels), in batches. */
export const annAccuracy = async (graph: Graph, test: Split, batchSize: number): Promise<number> => (await evaluate(graph, test, { batchSize })).accuracy;
