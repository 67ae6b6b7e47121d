export { InputError } from './errors.js';
export { createRegistry, type Registry } from './registry.js';
export { createRng } from './rng.js';
export { fileErrorText } from './file-error.js';
