export * from './field-issues.js';
export * from './messages.js';
export * from './fields.js';
export * from './inputs/cases.js';
export * from './inputs/arrears.js';
