// Node entry: everything in the browser entry, plus file helpers (added with save/load).
export * from './index.js';
