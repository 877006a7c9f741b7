import { useApolloClient, useSubscription } from '@apollo/client/react';

import { graphql } from '../../gql';

const CaseChangedDocument = graphql(`
  subscription CaseChanged($caseId: ID!) {
    caseChanged(caseId: $caseId) {
      caseId
      changed
      version
    }
  }
`);

/**
 * Live updates (SPEC §4): when a partner changes something of this case that I may read, the server
 * says which facet changed (never the data); the page then reads the case again, through the access
 * rules of this moment. Without a live connection the page simply stays as it was read.
 */
export function useLiveCase(caseId: string): void {
  const client = useApolloClient();
  useSubscription(CaseChangedDocument, {
    variables: { caseId },
    skip: !caseId,
    onData: () => {
      void client.refetchQueries({ include: ['CasePage', 'CaseConsents'] });
    },
  });
}
