import { InitialSchema1764190000000 } from './1764190000000-initial-schema.js';
import { FinancialPicture1764200000000 } from './1764200000000-financial-picture.js';
import { AuditListedCases1764210000000 } from './1764210000000-audit-listed-cases.js';
import { PreSignalStatus1764215000000 } from './1764215000000-pre-signal-status.js';
import { ReferralWorkflow1764220000000 } from './1764220000000-referral-workflow.js';
import { CoEditing1764230000000 } from './1764230000000-co-editing.js';
import { AuditChainStatus1764240500000 } from './1764240500000-audit-chain-status.js';
import { JobWorkIndexes1764241000000 } from './1764241000000-job-work-indexes.js';
import { SignInThrottle1764245000000 } from './1764245000000-sign-in-throttle.js';

/** Every migration, in order. Listed explicitly so the build never depends on a file glob. */
export const MIGRATIONS = [
  InitialSchema1764190000000,
  FinancialPicture1764200000000,
  AuditListedCases1764210000000,
  PreSignalStatus1764215000000,
  ReferralWorkflow1764220000000,
  CoEditing1764230000000,
  AuditChainStatus1764240500000,
  JobWorkIndexes1764241000000,
  SignInThrottle1764245000000,
];
