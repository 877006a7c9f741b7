import { subject } from '@casl/ability';
import { describe, expect, it } from 'vitest';

import {
  MEMBERSHIP_ROLES,
  ORGANIZATION_KINDS,
  type MembershipRole,
  type OrganizationKind,
} from '../enums.js';
import { defineAbilityFor } from './access-rules.js';

const NOW = new Date('2026-12-07T10:00:00+01:00');
const ORG = 'org-own';
const OTHER = 'org-other';

const abilityOf = (role: MembershipRole, orgKind: OrganizationKind) =>
  defineAbilityFor({ userId: 'user', organizationId: ORG, orgKind, role }, NOW);

describe('the actions beyond a case', () => {
  it('shows the monitoring dashboard to a team lead or privacy officer, of every kind of organisation', () => {
    for (const orgKind of ORGANIZATION_KINDS) {
      for (const role of MEMBERSHIP_ROLES) {
        expect(abilityOf(role, orgKind).can('view', 'Monitoring'), `${role} of ${orgKind}`).toBe(
          role === 'TEAM_LEAD' || role === 'PRIVACY_OFFICER',
        );
      }
    }
  });

  it("counts in full only the signals that are the organisation's own business", () => {
    const fact = (corporationId: string | null, municipalityOrgId: string | null, participants: string[]) =>
      subject('Monitoring', {
        corporationId,
        municipalityOrgId,
        participants: participants.map((organizationId) => ({ organizationId })),
      });
    const corporation = abilityOf('TEAM_LEAD', 'HOUSING_CORPORATION');
    expect(corporation.can('view', fact(ORG, OTHER, [ORG, OTHER]))).toBe(true);
    expect(corporation.can('view', fact(OTHER, OTHER, [ORG]))).toBe(false);
    const municipality = abilityOf('PRIVACY_OFFICER', 'MUNICIPALITY');
    expect(municipality.can('view', fact(OTHER, ORG, []))).toBe(true);
    expect(municipality.can('view', fact(ORG, OTHER, [ORG]))).toBe(false);
    const debtCounselling = abilityOf('TEAM_LEAD', 'DEBT_COUNSELLING');
    expect(debtCounselling.can('view', fact(OTHER, OTHER, [OTHER, ORG]))).toBe(true);
    // A statistic kept after retention names no case, so no participant.
    expect(debtCounselling.can('view', fact(OTHER, OTHER, []))).toBe(false);
  });

  it("lets only a privacy officer export a tenant's data, from the cases its organisation takes part in", () => {
    for (const orgKind of ORGANIZATION_KINDS) {
      for (const role of MEMBERSHIP_ROLES) {
        expect(abilityOf(role, orgKind).can('export', 'Tenant'), `${role} of ${orgKind}`).toBe(
          role === 'PRIVACY_OFFICER',
        );
      }
    }
    const officer = abilityOf('PRIVACY_OFFICER', 'DEBT_COUNSELLING');
    const caseOf = (organizationId: string) =>
      subject('Tenant', { participants: [{ organizationId, role: 'DEBT_COUNSELLING' as const }] });
    expect(officer.can('export', caseOf(ORG))).toBe(true);
    expect(officer.can('export', caseOf(OTHER))).toBe(false);
    // Exporting is no reading: the officer still reads no case.
    expect(
      officer.can('read', subject('Case', { participants: [{ organizationId: ORG }], assignees: [] })),
    ).toBe(false);
  });
});
