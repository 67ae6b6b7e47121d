import { type HostNodeSpec, ImportContext, type TensorValue } from './context.js';
import { OnnxImportError } from './errors.js';
import { MIN_OPSET, readOpset, refuseOldOps } from './opset.js';
import { fuseQcfs } from './patterns/qcfs.js';
import { decodeModel } from './proto/decode.js';
import { DataType } from './proto/schema.js';
import type { OnnxGraph, OnnxModel, ValueInfo } from './proto/types.js';
import { inOnnxOrder } from './layout.js';
import { getOpHandler, SUPPORTED_OPS_HINT } from './registry.js';
import type { ExternalDataReader } from './tensor/decode-tensor.js';

/** Limits and hooks of one import. */
export interface ImportOptions {
  /** Largest element count of any one tensor (default 2^27, 512 MiB of float32). */
  maxTensorElements?: number;
  /** Reader for external tensor data; the Node entry provides one confined to the model's directory. */
  readExternal?: ExternalDataReader;
}

/** The default `maxTensorElements`: 2^27 = 134,217,728 elements (512 MiB of float32); a larger tensor is refused. */
export const DEFAULT_MAX_TENSOR_ELEMENTS = 2 ** 27;

/** What a model becomes before any tfjs tensor exists: graph inputs (NHWC), node specs, outputs. */
export interface ImportPlan {
  opset: number;
  producer: string;
  inputs: Array<{ name: string; shape: number[] }>;
  specs: HostNodeSpec[];
  /** Graph names of the outputs, in the model's output order. */
  outputs: string[];
}

/**
 * Decodes a model and converts every node with its registered handler, without touching tfjs.
 * Refuses, in this order: undecodable bytes, an opset outside the supported range, unsupported op
 * types (all of them in one error), then the first node, tensor or shape it cannot honour.
 */
export function planImport(bytes: Uint8Array, options: ImportOptions = {}): ImportPlan {
  try {
    return plan(bytes, options);
  } catch (e) {
    if (e instanceof OnnxImportError) throw e;
    const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new OnnxImportError('internal', `the importer failed unexpectedly (please report it with the model): ${why}`, {}, { cause: e });
  }
}

function plan(bytes: Uint8Array, options: ImportOptions): ImportPlan {
  const decoded = decodeModel(bytes);
  const opset = readOpset(decoded);
  const model = fuseQcfs(decoded, opset);
  refuseUnsupported(model, opset);
  refuseOldOps(model, opset, (op) => getOpHandler(op)?.sinceOpset ?? MIN_OPSET);
  const g = model.graph;
  const maxElements = options.maxTensorElements ?? DEFAULT_MAX_TENSOR_ELEMENTS;
  const ctx = new ImportContext(g, opset, { maxElements, readExternal: options.readExternal });
  const inputs = graphInputs(g, opset, ctx, maxElements);
  for (const node of g.nodes) {
    for (const name of node.outputs) if (name && ctx.isDefined(name)) throw ctx.fail(node, 'graph', `its output '${name}' is already produced elsewhere`);
    try {
      getOpHandler(node.opType)?.convert(node, ctx);
    } catch (e) {
      // Tensor errors know the tensor, not the node that read it.
      if (e instanceof OnnxImportError && e.where.node === undefined) throw OnnxImportError.locate(e, { node: node.name, opType: node.opType, opset });
      throw e;
    }
    for (const [k, name] of node.outputs.entries())
      if (name && !ctx.isDefined(name) && ctx.isUsed(name)) throw ctx.fail(node, 'unsupported-op', `its output ${k} ('${name}') is used but not supported`);
  }
  const outputs = g.outputs.map((o) => graphOutput(o, ctx, opset));
  return { opset, producer: `${model.producerName} ${model.producerVersion}`.trim(), inputs, specs: ctx.specs, outputs };
}

function refuseUnsupported(model: OnnxModel, opset: number): void {
  const missing = new Map<string, { opType: string; domain: string; nodes: string[] }>();
  for (const n of model.graph.nodes) {
    if (n.domain === '' && getOpHandler(n.opType)) continue;
    const key = `${n.domain}\u0000${n.opType}`;
    const entry = missing.get(key) ?? { opType: n.opType || '<empty op_type>', domain: n.domain, nodes: [] };
    entry.nodes.push(n.name);
    missing.set(key, entry);
  }
  if (missing.size === 0) return;
  const ops = [...missing.values()];
  const list = ops.map(
    (o) =>
      `${o.domain ? `${o.domain}.` : ''}${o.opType} (node${o.nodes.length > 1 ? 's' : ''} ${o.nodes.slice(0, 3).join(', ')}${o.nodes.length > 3 ? ', …' : ''})`,
  );
  const first = ops[0];
  throw new OnnxImportError(
    'unsupported-op',
    `unsupported ONNX op${ops.length > 1 ? 's' : ''} at opset ${opset}: ${list.join('; ')}`,
    { opset, opType: first.opType, node: first.nodes[0] },
    { ops, hint: SUPPORTED_OPS_HINT },
  );
}

function graphInputs(g: OnnxGraph, opset: number, ctx: ImportContext, maxElements: number): ImportPlan['inputs'] {
  const inits = new Set(g.initializers.map((t) => t.name));
  const out: ImportPlan['inputs'] = [];
  for (const v of g.inputs) {
    if (inits.has(v.name)) continue; // IR < 4 lists initializers among the inputs
    const fail = (msg: string) => new OnnxImportError('graph', `graph input '${v.name}' ${msg}`, { opset, tensor: v.name });
    const shown = (v.dims ?? []).map((d) => (d === null || d === '' ? '?' : d)).join(', ');
    if (v.elemType !== DataType.FLOAT) throw fail(`has element type ${v.elemType}; only float32 inputs are supported`);
    if (!v.dims) throw fail('has no declared shape');
    const rest = v.dims.slice(1);
    if (v.dims.length < 2 || v.dims.length > 4) throw fail(`has rank ${v.dims.length}; only [N, F], [N, C, L] and [N, C, H, W] are supported`);
    if (!rest.every((d): d is number => typeof d === 'number' && Number.isInteger(d) && d > 0))
      throw fail(`has shape [${shown}]; all but the batch dimension must be fixed positive sizes`);
    if (rest.reduce((a, b) => a * b, 1) > maxElements) throw fail(`shape [${shown}] exceeds the limit of ${maxElements} elements per sample`);
    const name = ctx.reserveName(v.name);
    // NCHW → HWC; a sequence [C, L] is held as the image [1, L, C], so 1-D ops run as 2-D ones with H = 1.
    const shape = rest.length === 3 ? [rest[1], rest[2], rest[0]] : rest.length === 2 ? [1, rest[1], rest[0]] : rest;
    ctx.define(v.name, { kind: 'tensor', ref: name, shape: rest });
    out.push({ name, shape });
  }
  if (out.length === 0) throw new OnnxImportError('graph', 'the model has no graph input (every input is an initializer)', { opset });
  return out;
}

function graphOutput(o: ValueInfo, ctx: ImportContext, opset: number): string {
  const fail = (msg: string) => new OnnxImportError('graph', `graph output '${o.name}' ${msg}`, { opset, tensor: o.name });
  if (!ctx.isDefined(o.name)) throw fail('is produced by no node');
  const raw = ctx.peek(o.name) as TensorValue;
  if (raw.kind !== 'tensor') throw fail(raw.kind === 'constant' ? 'is a constant' : 'is the output of a Pad');
  // A Flatten's H·W·C features are put back in ONNX's C·H·W order.
  const v = inOnnxOrder(ctx, `${o.name}/order`, raw);
  if (ctx.specOf(v.ref)) return v.ref;
  // The output is a graph input passed through: give it a node of its own.
  return ctx.reserveAndPush({ op: 'Identity', inputs: [v.ref], attrs: {} }, `${o.name}/Identity`);
}
