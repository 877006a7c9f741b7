import { packRules } from '@casl/ability/extra';
import { accessRulesFor, type MembershipRole, type OrganizationKind } from '@vangnet/shared';

import type { MeQuery } from '../gql/graphql';

export const ORGS = {
  delinde: { id: 'org-delinde', name: 'Woonstichting De Linde', kind: 'HOUSING_CORPORATION' },
  rivierstad: { id: 'org-rivierstad', name: 'Gemeente Rivierstad', kind: 'MUNICIPALITY' },
  kredietbank: { id: 'org-kredietbank', name: 'Kredietbank Rivierstad', kind: 'DEBT_COUNSELLING' },
} as const satisfies Record<string, { id: string; name: string; kind: OrganizationKind }>;

type OrgKey = keyof typeof ORGS;

/** `me` as the server answers it, with the real shared rules of the membership. */
export function meFixture(
  user: { id: string; displayName: string; email: string },
  memberships: readonly { id: string; org: OrgKey; role: MembershipRole }[],
  activeId: string | null = memberships[0]?.id ?? null,
): MeQuery {
  const toMembership = (membership: { id: string; org: OrgKey; role: MembershipRole }) => ({
    __typename: 'Membership' as const,
    id: membership.id,
    role: membership.role,
    organization: { __typename: 'Organization' as const, ...ORGS[membership.org] },
  });
  const active = memberships.find((membership) => membership.id === activeId);
  return {
    me: {
      __typename: 'Me',
      user: { __typename: 'User', ...user, locale: 'nl' },
      memberships: memberships.map(toMembership),
      activeMembership: active ? toMembership(active) : null,
      abilityRules: active
        ? (JSON.parse(
            JSON.stringify(
              packRules(
                accessRulesFor(
                  {
                    userId: user.id,
                    organizationId: ORGS[active.org].id,
                    orgKind: ORGS[active.org].kind,
                    role: active.role,
                  },
                  new Date(),
                ),
              ),
            ),
          ) as unknown)
        : [],
    },
  };
}

export const ANNA = meFixture(
  { id: 'user-anna', displayName: 'Anna de Vries', email: 'anna@delinde.example' },
  [{ id: 'm-anna', org: 'delinde', role: 'CASE_WORKER' }],
);

export const MEHMET = meFixture(
  { id: 'user-mehmet', displayName: 'Mehmet Yilmaz', email: 'mehmet@rivierstad.example' },
  [{ id: 'm-mehmet', org: 'rivierstad', role: 'DEBT_COUNSELLOR' }],
);

export const PRIYA = meFixture(
  { id: 'user-priya', displayName: 'Priya Ramdin', email: 'privacy@rivierstad.example' },
  [{ id: 'm-priya', org: 'rivierstad', role: 'PRIVACY_OFFICER' }],
);

export const ADMIN = meFixture(
  { id: 'user-admin', displayName: 'Platformbeheer Vangnet', email: 'admin@vangnet.example' },
  [
    { id: 'm-admin-rivierstad', org: 'rivierstad', role: 'ORG_ADMIN' },
    { id: 'm-admin-delinde', org: 'delinde', role: 'ORG_ADMIN' },
  ],
);
