import type { ConsentRegisterTable_ConsentFragment } from '../../gql/graphql';

/** A consent as the register answers it, for the privacy officer's tests. */
export function consentNode(
  overrides: Partial<ConsentRegisterTable_ConsentFragment> = {},
): ConsentRegisterTable_ConsentFragment {
  return {
    __typename: 'Consent',
    id: 'consent-1',
    caseId: 'case-123',
    caseReference: 'VN-2026-000123',
    tenantId: 'tenant-9',
    state: 'ACTIVE',
    purpose: 'DEBT_ASSISTANCE',
    categories: ['CONTACT', 'DEBTS'],
    channel: 'WRITTEN',
    validFrom: '2026-01-10T09:00:00.000Z',
    validUntil: '2027-01-10T09:00:00.000Z',
    recordedAt: '2026-01-10T09:15:00.000Z',
    withdrawnAt: null,
    withdrawalChannel: null,
    wordingText: 'Ik geef toestemming om mijn gegevens te delen met de Kredietbank.',
    wordingVersion: 'v1',
    recipient: { __typename: 'OrganizationRef', id: 'org-kredietbank', name: 'Kredietbank Rivierstad' },
    recordedBy: { __typename: 'UserRef', id: 'user-mehmet', displayName: 'Mehmet Yilmaz' },
    recordedByOrganization: {
      __typename: 'OrganizationRef',
      id: 'org-rivierstad',
      name: 'Gemeente Rivierstad',
    },
    withdrawnBy: null,
    ...overrides,
  };
}

export function connection<Node>(typename: 'ConsentConnection' | 'AuditEventConnection', nodes: Node[]) {
  const edgeTypename = typename === 'ConsentConnection' ? 'ConsentEdge' : 'AuditEventEdge';
  return {
    __typename: typename,
    totalCount: nodes.length,
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: nodes.length ? 'cursor-last' : null },
    edges: nodes.map((node, index) => ({ __typename: edgeTypename, cursor: `cursor-${index}`, node })),
  };
}
