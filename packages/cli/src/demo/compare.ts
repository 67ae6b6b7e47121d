import type { Graph } from '@snn/graph';

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The ANN node whose activation a spiking node of the SNN reproduces, for comparing like with like:
 * the node of the same name when the shapes agree; else, when the converter moved a MaxPool ahead
 * of the activation (MaxPool(ReLU(x)) = ReLU(MaxPool(x))), that pool — its ANN output is the value
 * the IF neurons after the pool stand for. `undefined` when neither fits.
 */
export function annCounterpart(ann: Graph, snn: Graph, node: string): string | undefined {
  const want = snn.shapeOf(node);
  if (ann.has(node) && sameShape(ann.shapeOf(node), want)) return node;
  const pool = snn.node(node).inputs[0];
  if (snn.has(pool) && snn.node(pool).op === 'MaxPool2d' && ann.has(pool) && sameShape(ann.shapeOf(pool), want)) return pool;
  return undefined;
}

/**
 * Pearson's correlation coefficient of two equally long sequences:
 *
 *   r = Σ (a_i − ā)(b_i − b̄) / √(Σ (a_i − ā)² · Σ (b_i − b̄)²)
 *
 * 0 when either sequence is constant.
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`pearson: lengths differ (${a.length} vs ${b.length})`);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) [ma, mb] = [ma + a[i], mb + b[i]];
  [ma, mb] = [ma / a.length, mb / a.length];
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const [da, db] = [a[i] - ma, b[i] - mb];
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa && sbb ? sab / Math.sqrt(saa * sbb) : 0;
}
