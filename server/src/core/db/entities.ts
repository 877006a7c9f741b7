import { AuditEvent } from '../audit/audit-event.entity.js';
import { JobRun } from '../jobs/job-run.entity.js';
import {
  ActionItem,
  ActionItemComment,
  ActionPlanCondition,
  ActionPlanGoal,
  ChangeHistory,
} from '../../features/action-plans/action-plan-entry.entity.js';
import { ActionPlan } from '../../features/action-plans/action-plan.entity.js';
import {
  ArrangementMilestone,
  Instalment,
  PaymentArrangement,
} from '../../features/arrangements/arrangement.entity.js';
import { CaseNote } from '../../features/notes/case-note.entity.js';
import { ArrearsImport } from '../../features/arrears/arrears-import.entity.js';
import { DeadlineAlert } from '../../features/deadlines/deadline-alert.entity.js';
import { MunicipalitySetting } from '../../features/deadlines/municipality-setting.entity.js';
import { CaseTransition } from '../../features/lifecycle/case-transition.entity.js';
import { CaseStatistic } from '../../features/retention/case-statistic.entity.js';
import { Arrears, ArrearsChange } from '../../features/arrears/arrears.entity.js';
import { CollectionPause } from '../../features/arrears/collection-pause.entity.js';
import { CollectionStep } from '../../features/arrears/collection-step.entity.js';
import { Session } from '../../features/auth/session.entity.js';
import { CaseAssignee } from '../../features/cases/case-assignee.entity.js';
import { CaseParticipant } from '../../features/cases/case-participant.entity.js';
import { Case } from '../../features/cases/case.entity.js';
import { Consent } from '../../features/consents/consent.entity.js';
import { Debt } from '../../features/finances/debt.entity.js';
import { IncomeExpenseItem } from '../../features/finances/income-expense-item.entity.js';
import {
  DataSharingAgreement,
  DataSharingAgreementParty,
} from '../../features/organizations/data-sharing-agreement.entity.js';
import { Membership } from '../../features/organizations/membership.entity.js';
import { Organization } from '../../features/organizations/organization.entity.js';
import { Referral } from '../../features/referrals/referral.entity.js';
import { ContactAttempt } from '../../features/signals/contact-attempt.entity.js';
import { PreSignalStep } from '../../features/signals/pre-signal-step.entity.js';
import { Signal } from '../../features/signals/signal.entity.js';
import { Household } from '../../features/tenants/household.entity.js';
import { Tenancy } from '../../features/tenants/tenancy.entity.js';
import { TenantIdentifier } from '../../features/tenants/tenant-identifier.entity.js';
import { Tenant } from '../../features/tenants/tenant.entity.js';
import { User } from '../../features/users/user.entity.js';

export const ENTITIES = [
  Organization,
  DataSharingAgreement,
  DataSharingAgreementParty,
  User,
  Membership,
  Session,
  Tenant,
  TenantIdentifier,
  Household,
  Tenancy,
  Case,
  CaseParticipant,
  CaseAssignee,
  Arrears,
  ArrearsChange,
  CollectionStep,
  CollectionPause,
  PreSignalStep,
  Signal,
  ContactAttempt,
  Referral,
  Consent,
  IncomeExpenseItem,
  Debt,
  AuditEvent,
  CaseTransition,
  MunicipalitySetting,
  DeadlineAlert,
  ArrearsImport,
  CaseStatistic,
  JobRun,
  ActionPlan,
  ActionPlanGoal,
  ActionItem,
  ActionPlanCondition,
  ActionItemComment,
  ChangeHistory,
  CaseNote,
  PaymentArrangement,
  Instalment,
  ArrangementMilestone,
];
