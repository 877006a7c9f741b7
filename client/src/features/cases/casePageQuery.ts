import type { ApolloClient } from '@apollo/client';

import { PRELOAD_CONTEXT } from '../../app/apollo';
import { graphql, type FragmentType } from '../../gql';
import type { CasePage_CaseFragment } from '../../gql/graphql';

/**
 * Everything the case page shows of the case itself, in one fragment: the page query reads it, and a
 * save whose answer is the case (a transition, the first conversation) selects it too, so that answer
 * replaces what is on screen through the cache instead of the page being read again.
 */
export const CasePageCaseFragment = graphql(`
  fragment CasePage_case on Case {
    id
    reference
    version
    status
    coarseStatus
    crisis
    myParticipantRole
    participants {
      role
      organization {
        id
        name
        kind
      }
    }
    assignees {
      id
      displayName
    }
    access {
      category
      allowed
      basis
      reason
      consentId
      ownDataOnly
    }
    contact {
      language
    }
    signal {
      signalDate
    }
    referrals {
      id
      from {
        id
        name
        kind
      }
      to {
        id
        name
        kind
      }
    }
    ...CaseSummary_case
    ...ContactPanel_case
    ...HouseholdPanel_case
    ...ArrearsPanel_case
    ...IncomeExpensesPanel_case
    ...DebtsPanel_case
    ...SignalPanel_case
    ...ReferralsPanel_case
    ...ContactAttemptsPanel_case
    ...LifecyclePanel_case
    ...TimelinePanel_case
    ...ActionPlanPanel_case
    ...CaseNotesPanel_case
    ...ArrangementPanel_case
    ...PreSignalPanel_case
  }
`);

/**
 * The case page in one request: the case, the tenant's consents my organisation gave or received
 * (the consents panel), and my organisation's agreement partners (who a referral or consent can name).
 * Kept apart from CasePage.tsx so the app can start this query before the page's code has arrived
 * (`preloadCasePage`), while the session is still being checked.
 */
export const CasePageDocument = graphql(`
  query CasePage($id: ID!) {
    case(id: $id) {
      id
      ...CasePage_case
    }
    consents(caseId: $id) {
      id
      ...ConsentsPanel_consent
    }
    partnerOrganizations {
      id
      name
      kind
    }
  }
`);

export type CasePageCase = CasePage_CaseFragment;
export type CasePageCaseRef = FragmentType<typeof CasePageCaseFragment>;

/** Case ids whose page query was started at app start and has not been shown yet. */
const preloaded = new Set<string>();

/**
 * Starts the case page's query at app start, in parallel with the session check (`Me`), so a cold load
 * of /dossiers/:id does not wait for the session before asking for the case. The answer lands in the
 * cache; the page then shows it without asking again (`takePreloaded`). When the session turns out to
 * be missing the server refuses this query as well, nothing is cached, and the router sends the visitor
 * to the login page: nothing of the case is shown.
 */
export function preloadCasePage(client: ApolloClient, caseId: string): void {
  preloaded.add(caseId);
  client
    .query({
      query: CasePageDocument,
      variables: { id: caseId },
      fetchPolicy: 'network-only',
      // A refusal here is answered by the session check itself, not by a second `Me` (apollo.ts).
      context: { [PRELOAD_CONTEXT]: true },
    })
    .catch(() => {
      // The page reads the case again when it mounts and shows whatever went wrong then.
      preloaded.delete(caseId);
    });
}

/** True once after `preloadCasePage` for this case: its answer is (or is about to be) in the cache. */
export function takePreloaded(caseId: string): boolean {
  return preloaded.delete(caseId);
}
