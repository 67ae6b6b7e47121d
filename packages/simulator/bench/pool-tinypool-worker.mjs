// The same synthetic work as a tinypool task.
import { work } from './pool-work.mjs';

export default ({ x, count, ops }) => (work(x, count, ops) > 0 ? count : 0);
