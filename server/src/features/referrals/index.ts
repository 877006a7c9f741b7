/** What other features use of referrals: the table the demo seed fills. */
export { Referral } from './referral.entity.js';
