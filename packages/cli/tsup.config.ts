import { packageConfig } from '../../tsup.base';

// processor: the job processor `snn worker` runs in a BullMQ worker thread (loaded by file path);
// train-worker: a replica of `snn demo`'s data-parallel training (demo/parallel-train.ts);
// ann-worker: ANN passes beside the main thread's calibration (ann-thread.ts), its body ann-worker-main
// loaded after the module hooks (@snn/simulator/cjs-hooks, which bin.ts registers too)
export default packageConfig({
  index: 'src/index.ts',
  bin: 'src/bin.ts',
  processor: 'src/queue/processor.ts',
  'train-worker': 'src/demo/train-worker.ts',
  'ann-worker': 'src/ann-worker.ts',
  'ann-worker-main': 'src/ann-worker-main.ts',
});
