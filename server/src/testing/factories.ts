import type { MembershipRole, OrganizationKind } from '@vangnet/shared';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../features/auth/password.js';
import { Membership } from '../features/organizations/membership.entity.js';
import { Organization } from '../features/organizations/organization.entity.js';
import { User } from '../features/users/user.entity.js';

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
    password?: string;
    active?: boolean;
    memberships?: { organization: Organization; role: MembershipRole }[];
  } = {},
): Promise<User & { password: string }> {
  const password = options.password ?? 'correct horse battery staple';
  const user = await dataSource.getRepository(User).save({
    email: (options.email ?? `user-${unique()}@test.example`).toLowerCase(),
    displayName: 'Test Gebruiker',
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
