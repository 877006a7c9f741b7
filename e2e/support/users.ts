/** The demo world (docs/product.md §7): stable names the tests may rely on. Password for every demo user. */
export const DEMO_PASSWORD = 'vangnet-demo';

export type Role = 'CASE_WORKER' | 'TEAM_LEAD' | 'DEBT_COUNSELLOR' | 'PRIVACY_OFFICER' | 'ORG_ADMIN';

export interface DemoUser {
  readonly email: string;
  readonly displayName: string;
  readonly organization: string;
  readonly role: Role;
}

export const ORG = {
  delinde: 'Woonstichting De Linde',
  woonbronoost: 'Woonbron Oost',
  rivierstad: 'Gemeente Rivierstad',
  kredietbank: 'Kredietbank Rivierstad',
} as const;

export const USERS = {
  anna: {
    email: 'anna@delinde.example',
    displayName: 'Anna de Vries',
    organization: ORG.delinde,
    role: 'CASE_WORKER',
  },
  tom: {
    email: 'tom@delinde.example',
    displayName: 'Tom Bakker',
    organization: ORG.delinde,
    role: 'TEAM_LEAD',
  },
  mehmet: {
    email: 'mehmet@rivierstad.example',
    displayName: 'Mehmet Yilmaz',
    organization: ORG.rivierstad,
    role: 'DEBT_COUNSELLOR',
  },
  lotte: {
    email: 'lotte@rivierstad.example',
    displayName: 'Lotte Visser',
    organization: ORG.rivierstad,
    role: 'TEAM_LEAD',
  },
  privacy: {
    email: 'privacy@rivierstad.example',
    displayName: 'Priya Ramdin',
    organization: ORG.rivierstad,
    role: 'PRIVACY_OFFICER',
  },
  sanne: {
    email: 'sanne@kredietbank.example',
    displayName: 'Sanne Mulder',
    organization: ORG.kredietbank,
    role: 'DEBT_COUNSELLOR',
  },
} as const satisfies Record<string, DemoUser>;

export type UserKey = keyof typeof USERS;
