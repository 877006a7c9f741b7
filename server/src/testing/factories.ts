import { addCalendarDays, type MembershipRole, type OrganizationKind } from '@vangnet/shared';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../features/auth/password.js';
import {
  DataSharingAgreement,
  DataSharingAgreementParty,
} from '../features/organizations/data-sharing-agreement.entity.js';
import { Membership } from '../features/organizations/membership.entity.js';
import { Organization } from '../features/organizations/organization.entity.js';
import { User } from '../features/users/user.entity.js';
import { testToday } from './test-clock.js';

let counter = 0;
const unique = (): string => `${Date.now().toString(36)}${(counter += 1)}`;

export async function createOrganization(
  dataSource: DataSource,
  kind: OrganizationKind = 'HOUSING_CORPORATION',
  name?: string,
): Promise<Organization> {
  return dataSource
    .getRepository(Organization)
    .save({ name: name ?? `Test-organisatie ${unique()}`, kind, municipalityCode: '9999' });
}

export async function createUser(
  dataSource: DataSource,
  options: {
    email?: string;
    displayName?: string;
    password?: string;
    active?: boolean;
    memberships?: { organization: Organization; role: MembershipRole }[];
  } = {},
): Promise<User & { password: string }> {
  const password = options.password ?? 'correct horse battery staple';
  const user = await dataSource.getRepository(User).save({
    email: (options.email ?? `user-${unique()}@test.example`).toLowerCase(),
    displayName: options.displayName ?? 'Test Gebruiker',
    passwordHash: await hashPassword(password),
    active: options.active ?? true,
  });
  for (const membership of options.memberships ?? []) {
    await dataSource
      .getRepository(Membership)
      .save({ userId: user.id, organizationId: membership.organization.id, role: membership.role });
  }
  return Object.assign(user, { password });
}

/** Someone who signs in: a user with one membership, and the password to sign in with. */
export interface Member {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: MembershipRole;
  readonly organization: Organization;
}

async function createMember(
  dataSource: DataSource,
  organization: Organization,
  role: MembershipRole,
  displayName: string,
): Promise<Member> {
  const user = await createUser(dataSource, {
    email: `${displayName.toLowerCase().replace(/\W+/g, '.')}-${unique()}@test.example`,
    displayName,
    memberships: [{ organization, role }],
  });
  return { id: user.id, email: user.email, displayName, password: user.password, role, organization };
}

async function createAgreement(
  dataSource: DataSource,
  regionCode: string,
  parties: readonly Organization[],
  validFrom: string,
): Promise<DataSharingAgreement> {
  const agreement = await dataSource.getRepository(DataSharingAgreement).save({
    name: `Convenant ${parties.map((party) => party.name).join(' – ')}`,
    regionCode,
    validFrom,
    validUntil: null,
  });
  await dataSource
    .getRepository(DataSharingAgreementParty)
    .save(parties.map((party) => ({ agreementId: agreement.id, organizationId: party.id })));
  return agreement;
}

/**
 * One region of partners, the way docs/product.md §1 describes them: a housing corporation and a
 * debt-counselling organisation, each with a data-sharing agreement with the municipality (and none
 * with each other), and the people who work there. A second corporation of the same region, without
 * an agreement of its own, is a stranger to every case of the first one.
 *
 * The people have distinct display names whose alphabetical order is plain (Anna, Carla, Tom at the
 * corporation; Lotte, Mehmet, Pim at the municipality), so a test can spell out a list it expects.
 *
 * Organisations, people and agreements have no operations of their own (they are set up by the
 * platform), so they are written as rows; everything that happens to a case goes through the API
 * (see case-factories.ts).
 */
export interface Region {
  readonly code: string;
  readonly corporation: {
    readonly organization: Organization;
    readonly caseWorker: Member;
    /** A second case worker, not assigned to the corporation's cases unless a test assigns them. */
    readonly colleague: Member;
    readonly teamLead: Member;
  };
  readonly municipality: {
    readonly organization: Organization;
    readonly counsellor: Member;
    readonly teamLead: Member;
    readonly privacyOfficer: Member;
  };
  readonly debtCounselling: {
    readonly organization: Organization;
    readonly counsellor: Member;
  };
  /** A corporation of the same region that shares no agreement with anyone. */
  readonly stranger: {
    readonly organization: Organization;
    readonly caseWorker: Member;
  };
}

let regions = 0;

export async function createRegion(dataSource: DataSource): Promise<Region> {
  // A region of its own (CBS codes are four digits; the demo world is 9999), so a signal from this
  // region's corporation can only reach this region's municipality, whatever else the database holds.
  regions += 1;
  const code = String(8000 + regions);
  const organization = (kind: OrganizationKind, name: string) =>
    dataSource
      .getRepository(Organization)
      .save({ name: `${name} ${unique()}`, kind, municipalityCode: code });
  const corporation = await organization('HOUSING_CORPORATION', 'Woonstichting');
  const municipality = await organization('MUNICIPALITY', 'Gemeente');
  const debtCounselling = await organization('DEBT_COUNSELLING', 'Kredietbank');
  const stranger = await organization('HOUSING_CORPORATION', 'Woonbron');
  // Valid since well before the test's moment, without an end.
  const validFrom = addCalendarDays(testToday(), -365);
  await createAgreement(dataSource, code, [corporation, municipality], validFrom);
  await createAgreement(dataSource, code, [debtCounselling, municipality], validFrom);
  return {
    code,
    corporation: {
      organization: corporation,
      caseWorker: await createMember(dataSource, corporation, 'CASE_WORKER', 'Anna Incasso'),
      colleague: await createMember(dataSource, corporation, 'CASE_WORKER', 'Carla Collega'),
      teamLead: await createMember(dataSource, corporation, 'TEAM_LEAD', 'Tom Teamleider'),
    },
    municipality: {
      organization: municipality,
      counsellor: await createMember(dataSource, municipality, 'DEBT_COUNSELLOR', 'Mehmet Schuldhulp'),
      teamLead: await createMember(dataSource, municipality, 'TEAM_LEAD', 'Lotte Teamleider'),
      privacyOfficer: await createMember(dataSource, municipality, 'PRIVACY_OFFICER', 'Pim Privacy'),
    },
    debtCounselling: {
      organization: debtCounselling,
      counsellor: await createMember(dataSource, debtCounselling, 'DEBT_COUNSELLOR', 'Sanne Kredietbank'),
    },
    stranger: {
      organization: stranger,
      caseWorker: await createMember(dataSource, stranger, 'CASE_WORKER', 'Bram Vreemd'),
    },
  };
}
