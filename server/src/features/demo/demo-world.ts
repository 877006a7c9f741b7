import type { MembershipRole, OrganizationKind } from '@vangnet/shared';

/** docs/product.md §7: the demo region, its organisations and people. Names here are relied on by docs and tests. */
export const DEMO_PASSWORD = 'vangnet-demo';
export const DEMO_REGION_CODE = '9999';

export interface DemoOrganization {
  readonly key: 'delinde' | 'woonbronoost' | 'rivierstad' | 'kredietbank';
  readonly name: string;
  readonly kind: OrganizationKind;
}

export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  { key: 'delinde', name: 'Woonstichting De Linde', kind: 'HOUSING_CORPORATION' },
  { key: 'woonbronoost', name: 'Woonbron Oost', kind: 'HOUSING_CORPORATION' },
  { key: 'rivierstad', name: 'Gemeente Rivierstad', kind: 'MUNICIPALITY' },
  { key: 'kredietbank', name: 'Kredietbank Rivierstad', kind: 'DEBT_COUNSELLING' },
];

export interface DemoUser {
  readonly email: string;
  readonly displayName: string;
  readonly memberships: readonly { org: DemoOrganization['key']; role: MembershipRole }[];
}

const everyOrgAs = (role: MembershipRole) => DEMO_ORGANIZATIONS.map((org) => ({ org: org.key, role }));

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'anna@delinde.example',
    displayName: 'Anna de Vries',
    memberships: [{ org: 'delinde', role: 'CASE_WORKER' }],
  },
  {
    email: 'tom@delinde.example',
    displayName: 'Tom Bakker',
    memberships: [{ org: 'delinde', role: 'TEAM_LEAD' }],
  },
  {
    email: 'bram@woonbronoost.example',
    displayName: 'Bram Jansen',
    memberships: [{ org: 'woonbronoost', role: 'CASE_WORKER' }],
  },
  {
    email: 'mehmet@rivierstad.example',
    displayName: 'Mehmet Yilmaz',
    memberships: [{ org: 'rivierstad', role: 'DEBT_COUNSELLOR' }],
  },
  {
    email: 'lotte@rivierstad.example',
    displayName: 'Lotte Visser',
    memberships: [{ org: 'rivierstad', role: 'TEAM_LEAD' }],
  },
  {
    email: 'privacy@rivierstad.example',
    displayName: 'Priya Ramdin',
    memberships: [{ org: 'rivierstad', role: 'PRIVACY_OFFICER' }],
  },
  {
    email: 'sanne@kredietbank.example',
    displayName: 'Sanne Mulder',
    memberships: [{ org: 'kredietbank', role: 'DEBT_COUNSELLOR' }],
  },
  {
    email: 'admin@vangnet.example',
    displayName: 'Platformbeheer Vangnet',
    memberships: everyOrgAs('ORG_ADMIN'),
  },
];

/** Both corporations and the debt-counselling org share an agreement with the municipality; the corporations share nothing. */
export const DEMO_AGREEMENTS = [
  {
    key: 'delinde-rivierstad',
    name: 'Convenant Vroegsignalering Rivierstad – Woonstichting De Linde',
    parties: ['delinde', 'rivierstad'],
  },
  {
    key: 'woonbronoost-rivierstad',
    name: 'Convenant Vroegsignalering Rivierstad – Woonbron Oost',
    parties: ['woonbronoost', 'rivierstad'],
  },
  {
    key: 'kredietbank-rivierstad',
    name: 'Convenant Schuldhulpverlening Rivierstad – Kredietbank Rivierstad',
    parties: ['kredietbank', 'rivierstad'],
  },
] as const satisfies readonly { key: string; name: string; parties: readonly DemoOrganization['key'][] }[];
