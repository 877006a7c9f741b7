import { useApolloClient, useSubscription } from '@apollo/client/react';

import { graphql } from '../../gql';

const CaseChangedDocument = graphql(`
  subscription CaseChanged($caseId: ID!) {
    caseChanged(caseId: $caseId) {
      caseId
      changed
      version
      resync
    }
  }
`);

/**
 * Live updates: when a partner changes something of this case that I may read, the server
 * says which facet changed (never the data); the page then reads the case again, through the access
 * rules of this moment. A resync event means changes may have been missed (the server lost its database
 * or Redis connection for a moment): then everything on screen is read again. Without a live connection
 * the page simply stays as it was read.
 */
export function useLiveCase(caseId: string): void {
  const client = useApolloClient();
  useSubscription(CaseChangedDocument, {
    variables: { caseId },
    skip: !caseId,
    onData: ({ data }) => {
      const include = data.data?.caseChanged.resync ? 'active' : ['CasePage', 'CaseConsents'];
      void client.refetchQueries({ include });
    },
  });
}
