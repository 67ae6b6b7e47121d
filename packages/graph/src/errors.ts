/** Where in a graph something went wrong: the node (or graph input) and its op. */
export interface GraphErrorWhere {
  node?: string;
  op?: string;
}

/**
 * A graph is malformed, a shape does not fit, or a feed is wrong. The message names the node, its
 * op and the shapes involved; `node` and `op` carry the same for programs.
 *
 * @example
 * // GraphError: node 'conv1' (Conv2d), input shapes [[28, 28, 3]]: weight [3, 3, 1, 32] expects 1 input channel(s) per group, the input has 3
 */
export class GraphError extends Error {
  readonly node: string | undefined;
  readonly op: string | undefined;

  constructor(message: string, where: GraphErrorWhere = {}) {
    super(message);
    this.name = 'GraphError';
    this.node = where.node;
    this.op = where.op;
  }
}

/** `[a, b, c]`, the way every message in this package writes a shape. */
export const fmtShape = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** `node 'name' (Op)`. */
export const fmtNode = (name: string, op: string): string => `node '${name}' (${op})`;
