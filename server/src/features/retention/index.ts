/** What other features use of retention: the one SQL of a case's statistical facts (the monitoring figures read it). */
export { liveCaseFactsSql, statisticFactsSql } from './case-facts.js';
