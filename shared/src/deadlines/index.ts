export * from './calendar-dates.js';
export * from './working-days.js';
export * from './deadline-rules.js';
