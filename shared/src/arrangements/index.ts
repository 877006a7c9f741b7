export * from './instalments.js';
export * from './rewards.js';
