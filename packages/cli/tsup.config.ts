import { packageConfig } from '../../tsup.base';

// processor: the job processor `snn worker` runs in a BullMQ worker thread (loaded by file path)
export default packageConfig({ index: 'src/index.ts', bin: 'src/bin.ts', processor: 'src/queue/processor.ts' });
