/** Where in a model an import problem sits; every field is optional. */
export interface OnnxErrorWhere {
  /** The model file, when importing from a path. */
  file?: string;
  /** The ONNX node's name (or `op_type#index` when the exporter left it empty). */
  node?: string;
  /** The ONNX op type, e.g. `Conv`. */
  opType?: string;
  /** The default-domain opset the model declares. */
  opset?: number;
  /** A tensor (initializer, Constant value, graph input) by name. */
  tensor?: string;
}

/** Short machine-readable kinds of failure, for callers that branch on them. */
export type OnnxErrorCode =
  | 'decode' // not a readable ModelProto (truncated, garbage)
  | 'opset' // the model's opset is outside what the importer honours
  | 'unsupported-op' // op types without a handler (all listed at once)
  | 'unsupported-attr' // a handled op with an attribute value the graph cannot express
  | 'tensor' // a tensor's declared size, type or data is wrong or too large
  | 'external-data' // data stored outside the model file
  | 'graph' // inconsistent graph: undefined value, bad shape, unfoldable Pad
  | 'io' // the file cannot be read
  | 'internal'; // a bug in the importer: an unexpected exception, wrapped so callers see one error type

/**
 * The one error type `@snn/onnx` throws. Its message is a single line that names what is wrong and
 * where (file, node, op, opset, tensor); the same facts are available as fields.
 *
 * @example
 * try { importOnnx(bytes) } catch (e) { if (e instanceof OnnxImportError && e.code === 'unsupported-op') console.log(e.ops) }
 */
export class OnnxImportError extends Error {
  readonly code: OnnxErrorCode;
  readonly where: OnnxErrorWhere;
  /** The message without the location suffix. */
  readonly detail: string;
  /** For `unsupported-op`: every unsupported op type with the nodes that use it. */
  readonly ops?: Array<{ opType: string; domain: string; nodes: string[] }>;

  /** Said after the location, e.g. where to find the supported ops. */
  readonly hint?: string;

  constructor(code: OnnxErrorCode, message: string, where: OnnxErrorWhere = {}, extra: { ops?: OnnxImportError['ops']; cause?: unknown; hint?: string } = {}) {
    super(oneLine(withWhere(message, where) + (extra.hint ? `; ${extra.hint}` : '')), extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'OnnxImportError';
    this.code = code;
    this.where = where;
    this.detail = oneLine(message);
    if (extra.ops) this.ops = extra.ops;
    if (extra.hint) this.hint = extra.hint;
  }

  /** The same error with more location facts (e.g. the file) filled in where they were missing. */
  static locate(e: OnnxImportError, where: OnnxErrorWhere): OnnxImportError {
    return new OnnxImportError(e.code, e.detail, { ...where, ...e.where }, { ops: e.ops, cause: e.cause, hint: e.hint });
  }
}

function withWhere(message: string, w: OnnxErrorWhere): string {
  const parts: string[] = [];
  if (w.file !== undefined) parts.push(`file ${w.file}`);
  if (w.node !== undefined) parts.push(`node ${w.node}`);
  if (w.opType !== undefined) parts.push(`op ${w.opType}`);
  if (w.opset !== undefined) parts.push(`opset ${w.opset}`);
  if (w.tensor !== undefined) parts.push(`tensor ${w.tensor}`);
  return parts.length ? `${message} [${parts.join(', ')}]` : message;
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, ' ');
