export * from './access-rules.js';
