import type { Graph } from '@snn/graph';

/** One line of {@link summary}. */
export interface SummaryRow {
  node: string;
  op: string;
  /** Output shape without batch, NHWC for images. */
  shape: number[];
  /** Values stored in the node's params (weights, biases, BatchNorm statistics). */
  params: number;
}

/** The rows of {@link summary}: graph inputs first (op `Input`), then every node in order. */
export function summaryRows(graph: Graph): SummaryRow[] {
  const rows: SummaryRow[] = graph.inputs.map((i) => ({ node: i.name, op: 'Input', shape: [...i.shape], params: 0 }));
  for (const n of graph.nodes) {
    const params = Object.values(n.params).reduce((a, t) => a + t.size, 0);
    rows.push({ node: n.name, op: n.op, shape: [...n.shape], params });
  }
  return rows;
}

/**
 * A plain-text table of a graph: node, op, output shape (`[N, H, W, C]` or `[N, F]`) and
 * parameter count, then the totals and the outputs.
 *
 * @example
 * console.log(summary(importOnnx('model.onnx')));
 * // node                          op         output          params
 * // input                         Input      [N, 28, 28, 1]       0
 * // /network/network.0/Conv       Conv2d     [N, 26, 26, 32]    320
 */
export function summary(graph: Graph): string {
  const rows = summaryRows(graph);
  const cells = rows.map((r) => [r.node, r.op, `[N, ${r.shape.join(', ')}]`, r.params.toLocaleString('en-US')]);
  const head = ['node', 'op', 'output (NHWC)', 'params'];
  const widths = head.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((v, c) => (c === 3 ? v.padStart(widths[c]) : v.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const total = rows.reduce((a, r) => a + r.params, 0);
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
    '',
    `${graph.nodes.length} nodes, ${total.toLocaleString('en-US')} parameters; outputs: ${graph.outputs.join(', ')}`,
  ].join('\n');
}
