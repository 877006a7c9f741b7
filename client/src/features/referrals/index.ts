/** The referrals of a case and the dialog that refers it to a partner. */
export { ReferDialog, type ReferralTarget } from './ReferDialog';
export { ReferralsPanel } from './ReferralsPanel';
