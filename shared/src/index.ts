export * from './enums.js';
export * from './case-lifecycle.js';
export * from './money.js';
export * from './access/index.js';
export * from './deadlines/index.js';
export * from './signal-end-result.js';
export * from './pre-signal-gate.js';
export * from './arrangements/index.js';
