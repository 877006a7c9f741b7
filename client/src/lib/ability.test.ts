import { packRules } from '@casl/ability/extra';
import { accessRulesFor } from '@vangnet/shared';
import { describe, expect, it } from 'vitest';

import { abilityFromPackedRules, canOnCase, canOnReferral } from './ability';

const MUNICIPALITY = 'org-municipality';
const CORPORATION = 'org-corporation';
/** A fixed moment: the rules that depend on time are not what this test is about. */
const NOW = new Date('2026-12-07T10:00:00+01:00');

/** What `me { abilityRules }` sends: the shared rules of the membership, packed. */
function packedFor(role: 'DEBT_COUNSELLOR' | 'TEAM_LEAD' | 'PRIVACY_OFFICER', userId = 'mehmet') {
  return JSON.parse(
    JSON.stringify(
      packRules(accessRulesFor({ userId, organizationId: MUNICIPALITY, orgKind: 'MUNICIPALITY', role }, NOW)),
    ),
  ) as unknown;
}

const caseWith = (assignees: string[]) => ({
  id: 'case-1',
  participants: [
    { organization: { id: CORPORATION }, role: 'REFERRER' as const },
    { organization: { id: MUNICIPALITY }, role: 'MUNICIPALITY' as const },
  ],
  assignees: assignees.map((id) => ({ id })),
});

describe('the client uses the shared access rules to show or hide actions', () => {
  it("lets a counsellor work a case in the queue or assigned to them, not a colleague's", () => {
    const ability = abilityFromPackedRules(packedFor('DEBT_COUNSELLOR'));
    expect(canOnCase(ability, 'workSignal', caseWith([]), MUNICIPALITY)).toBe(true);
    expect(canOnCase(ability, 'workSignal', caseWith(['mehmet']), MUNICIPALITY)).toBe(true);
    expect(canOnCase(ability, 'workSignal', caseWith(['lotte']), MUNICIPALITY)).toBe(false);
    // Arrears are the corporation's.
    expect(canOnCase(ability, 'manageArrears', caseWith([]), MUNICIPALITY)).toBe(false);
  });

  it('lets a team lead act on every case of the organisation', () => {
    const ability = abilityFromPackedRules(packedFor('TEAM_LEAD', 'lotte'));
    expect(canOnCase(ability, 'transition', caseWith(['mehmet']), MUNICIPALITY)).toBe(true);
  });

  it('gives a privacy officer no case actions', () => {
    const ability = abilityFromPackedRules(packedFor('PRIVACY_OFFICER', 'priya'));
    expect(canOnCase(ability, 'manageConsents', caseWith([]), MUNICIPALITY)).toBe(false);
  });

  it('lets the recipient answer a referral and the sender withdraw it', () => {
    const ability = abilityFromPackedRules(packedFor('DEBT_COUNSELLOR'));
    const incoming = { from: { id: CORPORATION }, to: { id: MUNICIPALITY } };
    expect(canOnReferral(ability, 'respond', incoming)).toBe(true);
    expect(canOnReferral(ability, 'withdraw', incoming)).toBe(false);
  });

  it('treats missing rules as no rights at all', () => {
    expect(canOnCase(abilityFromPackedRules(null), 'read', caseWith([]), MUNICIPALITY)).toBe(false);
  });
});
