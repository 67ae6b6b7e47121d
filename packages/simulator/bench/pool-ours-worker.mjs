// Speaks @snn/simulator's worker protocol (init / batch / finish) around the synthetic work.
import { parentPort } from 'node:worker_threads';
import { work } from './pool-work.mjs';

let ops = 0;
parentPort.on('message', (m) => {
  if (m.type === 'init') {
    ops = m.T;
    parentPort.postMessage({ type: 'ready' });
  } else if (m.type === 'batch') {
    const correct = new Int32Array(1);
    correct[0] = work(m.x, m.count, ops) > 0 ? m.count : 0;
    parentPort.postMessage({ type: 'done', id: m.id, correct, predictions: new Int32Array(m.count), classes: 10, chunk: 1 });
  } else parentPort.postMessage({ type: 'finished', partials: [] });
});
