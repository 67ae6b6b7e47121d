export { InputError } from './errors.js';
export { createRegistry, type Registry } from './registry.js';
export { createRng } from './rng.js';
export { fileErrorText } from './file-error.js';
export { body, F32, F64, I32, type ModuleFunction, moduleBytes, V128, type ValType } from './wasm/encode.js';
export { op } from './wasm/opcodes.js';
export { at, forLoop, i32Sum, ifThen, increment, unless } from './wasm/control.js';
export { frame, type Signature } from './wasm/frame.js';
export { addKernel, addRowsKernel, mulRowsKernel } from './wasm/add-kernel.js';
