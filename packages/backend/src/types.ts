/** Names of the TensorFlow.js backends that snn-ts knows how to start. */
export type BackendName = 'wasm' | 'cpu' | 'webgpu' | 'tensorflow';

/**
 * A way to bring one backend up. `load` must register the backend with tfjs
 * (usually by importing its package) and throw a readable error when it cannot.
 */
export interface BackendFactory {
  /** Higher runs first when no order is given. */
  priority: number;
  /** Registers the backend with tfjs; returns a short detail (adapter, version) or nothing. */
  load(options: InitOptions): Promise<string | void>;
}

/** What happened to one candidate while initialising. */
export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  /** Why it failed, or detail about the engine that was chosen. */
  reason?: string;
  ms: number;
}

/** The outcome of {@link initBackend}. */
export interface BackendReport {
  backend: BackendName;
  attempts: BackendAttempt[];
}

/** Options of `initBackend`: which backends to try, in what order, and how strictly. */
export interface InitOptions {
  /** Candidates in order. Default: the platform's registered backends by priority. */
  order?: BackendName[];
  /** Throw instead of falling back when the first candidate fails. */
  strict?: boolean;
  /** Browser only: where tfjs-backend-wasm's .wasm files are served from. */
  wasmPaths?: string;
}

/** Thrown when no requested backend could be started; lists every attempt. */
export class BackendUnavailableError extends Error {
  constructor(
    message: string,
    readonly attempts: BackendAttempt[],
  ) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}
