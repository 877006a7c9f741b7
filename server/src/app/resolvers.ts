import { ActionPlanResolver } from '../features/action-plans/action-plan.resolver.js';
import { ArrangementResolver } from '../features/arrangements/arrangement.resolver.js';
import { ArrearsResolver } from '../features/arrears/arrears.resolver.js';
import { AuthResolver } from '../features/auth/auth.resolver.js';
import { CaseAssignmentResolver } from '../features/cases/case-assignment.resolver.js';
import { CaseResolver } from '../features/cases/case.resolver.js';
import { CreateCaseResolver } from '../features/cases/create-case.resolver.js';
import { ConsentResolver } from '../features/consents/consent.resolver.js';
import { DeadlineResolver } from '../features/deadlines/deadline.resolver.js';
import { LifecycleResolver } from '../features/lifecycle/lifecycle.resolver.js';
import { MessageResolver } from '../features/messages/message.resolver.js';
import { MonitoringResolver } from '../features/monitoring/monitoring.resolver.js';
import { CaseNoteResolver } from '../features/notes/case-note.resolver.js';
import { PartnerOrganizationsResolver } from '../features/organizations/partner-organizations.resolver.js';
import { PrivacyResolver } from '../features/privacy/privacy.resolver.js';
import { ReferralResolver } from '../features/referrals/referral.resolver.js';
import { ContactAttemptResolver } from '../features/signals/contact-attempt.resolver.js';
import { CaseSignalResolver } from '../features/signals/end-result.resolver.js';
import { SignalResolver } from '../features/signals/signal.resolver.js';
import type { Services } from './services.js';

/**
 * Every feature resolver, built with the services it uses: the one place that knows which resolver
 * needs what. type-graphql is handed these instances (core/graphql/schema.ts) and constructs none
 * itself; building the schema fails when a resolver of FEATURES has no instance here.
 */
export function createResolvers(services: Services): readonly object[] {
  return [
    new AuthResolver(services.auth),
    new CaseResolver(services.cases, services.sections),
    new CreateCaseResolver(services.caseCreation),
    new CaseAssignmentResolver(services.caseAssignment),
    new ConsentResolver(services.consents, services.caseEvents),
    new PrivacyResolver(services.privacy),
    new ArrearsResolver(services.arrears, services.arrearsImport),
    new SignalResolver(services.preSignal, services.signals),
    new ContactAttemptResolver(services.contactAttempts),
    new CaseSignalResolver(services.signalEndResults),
    new LifecycleResolver(services.lifecycle),
    new ReferralResolver(services.referrals),
    new DeadlineResolver(services.deadlines),
    new MonitoringResolver(services.monitoring),
    new ArrangementResolver(services.arrangements),
    new MessageResolver(services.messages),
    new ActionPlanResolver(services.actionPlans, services.caseEvents),
    new CaseNoteResolver(services.caseNotes, services.caseEvents),
    new PartnerOrganizationsResolver(services.partnerOrganizations),
  ];
}
