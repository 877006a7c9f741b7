import type { ApolloClient } from '@apollo/client';
import { createContext } from 'react';

import { graphql } from '../../gql';

/**
 * The action plan of one case, alone: what is read again when a save's answer cannot say it — the first
 * write of an empty plan (the server creates the plan, whose id and version the answer does not carry)
 * and a CONFLICT (someone else saved the row meanwhile). The rest of the case page stays as it is.
 */
export const CaseActionPlanDocument = graphql(`
  query CaseActionPlan($id: ID!) {
    case(id: $id) {
      id
      ...ActionPlanPanel_case
    }
  }
`);

/** For a mutation's `refetchQueries`: the plan of this case, read again. */
export function actionPlanOf(caseId: string) {
  return { query: CaseActionPlanDocument, variables: { id: caseId } };
}

/** Reads the plan again after a CONFLICT; a failure leaves the page as it was (the dialog still shows theirs). */
export function rereadActionPlan(client: ApolloClient, caseId: string): void {
  void client.query({ ...actionPlanOf(caseId), fetchPolicy: 'network-only' }).catch(() => undefined);
}

/** The case whose plan the panel shows, for the editors deep inside it (conflicts re-read its plan). */
export const PlanCaseContext = createContext<string | null>(null);
