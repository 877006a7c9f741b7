/** What other features use of the lifecycle: moving a locked case to another status (signals, referrals), and the table the demo seed fills. */
export { CaseTransition } from './case-transition.entity.js';
export { moveLockedCase } from './move-case.js';
