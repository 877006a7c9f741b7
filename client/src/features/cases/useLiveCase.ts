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
 * The sections a change can name on its own, read again together: a change of the action plan, the
 * arrangement, the notes or the assignment leaves the rest of the case (and what may be read of it) as
 * it was. Any other facet — a status, a consent (which changes what may be read), one not known here —
 * reads the whole page again.
 */
const CaseSectionsDocument = graphql(`
  query CaseSections($id: ID!) {
    case(id: $id) {
      id
      ...ActionPlanPanel_case
      ...ArrangementPanel_case
      ...CaseNotesPanel_case
      assignees {
        id
        displayName
      }
    }
  }
`);

const SECTION_FACETS: ReadonlySet<string> = new Set([
  'ACTION_PLAN',
  'ARRANGEMENT',
  'CASE_NOTES',
  'assignment',
]);

/** Whether a change names only sections `CaseSections` reads (else the whole page is read again). */
export function onlySectionsChanged(event: {
  readonly changed: readonly string[];
  readonly resync: boolean;
}): boolean {
  return (
    !event.resync && event.changed.length > 0 && event.changed.every((facet) => SECTION_FACETS.has(facet))
  );
}

/**
 * Live updates: when a partner changes something of this case that I may read, the server
 * says which facet changed (never the data); the page then reads that part of the case again, through
 * the access rules of this moment. A resync event means changes may have been missed (the server lost
 * its database or Redis connection for a moment): then everything on screen is read again. Without a
 * live connection the page simply stays as it was read.
 */
export function useLiveCase(caseId: string): void {
  const client = useApolloClient();
  useSubscription(CaseChangedDocument, {
    variables: { caseId },
    skip: !caseId,
    onData: ({ data }) => {
      const event = data.data?.caseChanged;
      if (!event) return;
      if (event.resync) {
        void client.refetchQueries({ include: 'active' });
        return;
      }
      if (!onlySectionsChanged(event)) {
        void client.refetchQueries({ include: ['CasePage'] });
        return;
      }
      void client
        .query({ query: CaseSectionsDocument, variables: { id: caseId }, fetchPolicy: 'network-only' })
        .catch(() => undefined);
    },
  });
}
