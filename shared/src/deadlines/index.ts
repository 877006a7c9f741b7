export * from './working-days.js';
export * from './deadline-rules.js';
