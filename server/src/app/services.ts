import type { DataSource } from 'typeorm';
import { AuthService, type SessionSettings } from '../features/auth/auth.service.js';
import type { PasswordVerifier } from '../features/auth/password.js';
import type { SignInLimits } from '../core/config.js';
import { CaseSectionsService } from '../features/cases/case-sections.service.js';
import { CaseService } from '../features/cases/case.service.js';
import { ConsentService } from '../features/consents/consent.service.js';
import { PrivacyService } from '../features/privacy/privacy.service.js';
import { ArrearsImportService } from '../features/arrears/arrears-import.service.js';
import { ArrearsService } from '../features/arrears/arrears.service.js';
import { CreateCaseService } from '../features/cases/create-case.service.js';
import { PreSignalService } from '../features/signals/pre-signal.service.js';
import { SignalService } from '../features/signals/signal.service.js';
import { LifecycleService } from '../features/lifecycle/lifecycle.service.js';
import { ReferralService } from '../features/referrals/referral.service.js';
import { ContactAttemptService } from '../features/signals/contact-attempt.service.js';
import { SignalEndResultService } from '../features/signals/end-result.service.js';
import { DeadlineService } from '../features/deadlines/deadline.service.js';
import { MonitoringService } from '../features/monitoring/monitoring.service.js';
import { ArrangementService } from '../features/arrangements/arrangement.service.js';
import { MessageService } from '../features/messages/message.service.js';
import { ActionPlanService } from '../features/action-plans/action-plan.service.js';
import { CaseNoteService } from '../features/notes/case-note.service.js';
import { CaseAssignmentService } from '../features/cases/case-assignment.service.js';
import { PartnerOrganizationsService } from '../features/organizations/partner-organizations.service.js';
import { readAuditChainHealth } from '../core/audit/audit-chain-status.js';
import { SystemDatabase } from '../core/db/gateway.js';
import { systemClock, type Clock } from '../core/clock.js';
import { InProcessCaseEventBus, type CaseEventBus } from '../core/realtime/case-events.js';

/**
 * The application's services, built once per process; each method takes the request context. The
 * resolvers get the ones they use through their constructors (app/resolvers.ts).
 */
export interface Services {
  readonly auth: AuthService;
  readonly cases: CaseService;
  readonly sections: CaseSectionsService;
  readonly consents: ConsentService;
  readonly privacy: PrivacyService;
  readonly caseCreation: CreateCaseService;
  readonly arrears: ArrearsService;
  readonly arrearsImport: ArrearsImportService;
  readonly preSignal: PreSignalService;
  readonly signals: SignalService;
  readonly lifecycle: LifecycleService;
  readonly referrals: ReferralService;
  readonly contactAttempts: ContactAttemptService;
  readonly signalEndResults: SignalEndResultService;
  readonly deadlines: DeadlineService;
  readonly monitoring: MonitoringService;
  readonly arrangements: ArrangementService;
  readonly messages: MessageService;
  readonly actionPlans: ActionPlanService;
  readonly caseNotes: CaseNoteService;
  readonly caseAssignment: CaseAssignmentService;
  readonly partnerOrganizations: PartnerOrganizationsService;
  /** Announces committed case changes to live subscribers (caseChanged). */
  readonly caseEvents: CaseEventBus;
  /** The one clock of the app: every request context reads the time from it (core/clock.ts). */
  readonly clock: Clock;
}

export function createServices(
  dataSource: DataSource,
  settings: {
    session: SessionSettings;
    bsnKey: Buffer;
    signIn: SignInLimits;
    /** Tests count verifications with their own; argon2 otherwise. */
    passwords?: PasswordVerifier;
    caseEvents?: CaseEventBus;
    clock?: Clock;
  },
): Services {
  const clock = settings.clock ?? systemClock;
  const caseEvents = settings.caseEvents ?? new InProcessCaseEventBus();
  const sections = new CaseSectionsService(settings.bsnKey);
  const cases = new CaseService(sections);
  const arrangements = new ArrangementService(caseEvents);
  return {
    auth: new AuthService(
      new SystemDatabase(dataSource),
      settings.session,
      {
        limits: settings.signIn,
        throttleStore: dataSource,
        pseudonymSecret: settings.bsnKey,
        ...(settings.passwords ? { passwords: settings.passwords } : {}),
      },
      clock,
    ),
    cases,
    sections,
    consents: new ConsentService(),
    privacy: new PrivacyService(sections, cases, () => readAuditChainHealth(dataSource.manager)),
    caseCreation: new CreateCaseService(cases),
    arrears: new ArrearsService(),
    arrearsImport: new ArrearsImportService(),
    preSignal: new PreSignalService(),
    signals: new SignalService(),
    lifecycle: new LifecycleService(cases),
    referrals: new ReferralService(),
    contactAttempts: new ContactAttemptService(),
    signalEndResults: new SignalEndResultService(),
    deadlines: new DeadlineService(),
    monitoring: new MonitoringService(),
    arrangements,
    messages: new MessageService(cases, sections, arrangements),
    actionPlans: new ActionPlanService(),
    caseNotes: new CaseNoteService(),
    caseAssignment: new CaseAssignmentService(cases, caseEvents),
    partnerOrganizations: new PartnerOrganizationsService(),
    caseEvents,
    clock,
  };
}
