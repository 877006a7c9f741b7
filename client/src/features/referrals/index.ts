/** The referrals of a case and the dialog that refers it to a partner. */
export { ROLE_BY_KIND, ReferDialog, type ReferralTarget } from './ReferDialog';
export { ReferralsPanel } from './ReferralsPanel';
