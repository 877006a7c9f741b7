/** What other features use of signals: the GraphQL enums the monitoring figures share, and the tables the demo seed fills. */
export { ContactAttempt } from './contact-attempt.entity.js';
export { SignalEndResultAsSeenEnum } from './end-result.types.js';
export { PreSignalStep } from './pre-signal-step.entity.js';
export { Signal } from './signal.entity.js';
export { SignalPartnerTypeEnum } from './signal.types.js';
