export * from './access-rules.js';
export * from './consent-recipients.js';
