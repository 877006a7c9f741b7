import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type AuthChecker } from 'type-graphql';
import { AuthResolver } from '../../features/auth/auth.resolver.js';
import { CaseResolver } from '../../features/cases/case.resolver.js';
import { ConsentResolver } from '../../features/consents/consent.resolver.js';
import { PrivacyResolver } from '../../features/privacy/privacy.resolver.js';
import { ArrearsResolver } from '../../features/arrears/arrears.resolver.js';
import { CreateCaseResolver } from '../../features/cases/create-case.resolver.js';
import { SignalResolver } from '../../features/signals/signal.resolver.js';
import { LifecycleResolver } from '../../features/lifecycle/lifecycle.resolver.js';
import { ReferralResolver } from '../../features/referrals/referral.resolver.js';
import { ContactAttemptResolver } from '../../features/signals/contact-attempt.resolver.js';
import { CaseSignalResolver } from '../../features/signals/end-result.resolver.js';
import { DeadlineResolver } from '../../features/deadlines/deadline.resolver.js';
import { MonitoringResolver } from '../../features/monitoring/monitoring.resolver.js';
import { ArrangementResolver } from '../../features/arrangements/arrangement.resolver.js';
import { MessageResolver } from '../../features/messages/message.resolver.js';
import { ActionPlanResolver } from '../../features/action-plans/action-plan.resolver.js';
import { CaseNoteResolver } from '../../features/notes/case-note.resolver.js';
import { CaseAssignmentResolver } from '../../features/cases/case-assignment.resolver.js';
import { PartnerOrganizationsResolver } from '../../features/organizations/partner-organizations.resolver.js';
import { UnauthenticatedError } from '../errors.js';
import { CaseChangedResolver, NO_TOPICS_PUB_SUB } from '../realtime/case-changed.resolver.js';
import type { GraphQLContext } from './context.js';

/** @Authorized() means "logged in"; what a logged-in user may see is decided by core/authz, not here. */
const requireSession: AuthChecker<GraphQLContext> = ({ context }) => {
  if (!context.actor) throw new UnauthenticatedError();
  return true;
};

export const RESOLVERS = [
  AuthResolver,
  CaseResolver,
  ConsentResolver,
  PrivacyResolver,
  CreateCaseResolver,
  ArrearsResolver,
  SignalResolver,
  LifecycleResolver,
  ReferralResolver,
  ContactAttemptResolver,
  CaseSignalResolver,
  DeadlineResolver,
  MonitoringResolver,
  ArrangementResolver,
  CaseChangedResolver,
  MessageResolver,
  ActionPlanResolver,
  CaseNoteResolver,
  CaseAssignmentResolver,
  PartnerOrganizationsResolver,
] as const;

export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    authChecker: requireSession,
    pubSub: NO_TOPICS_PUB_SUB,
    validate: false,
  });
}

/** The SDL committed as server/schema.graphql; sorted so the file only changes when the API does. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
