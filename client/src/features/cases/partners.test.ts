import type { ParticipantRole } from '@vangnet/shared';
import { describe, expect, it } from 'vitest';

import { ORGS } from '../../test/fixtures';
import { consentRecipients } from './partners';

/** A participant as the case query answers it. */
const on = (role: ParticipantRole, organization: (typeof ORGS)[keyof typeof ORGS]) => ({
  __typename: 'CaseParticipant' as const,
  role,
  organization: { __typename: 'OrganizationRef' as const, ...organization },
});

describe('who the consent dialog offers as recipient (the shared consent-recipient rule)', () => {
  it('offers my organisation, the organisations on the case in their role and the agreement partners in the role of their kind', () => {
    const recipients = consentRecipients(
      {
        myParticipantRole: 'REFERRER',
        participants: [
          on('REFERRER', ORGS.delinde),
          // On the case in another role than its kind's: the role on the case counts.
          on('DEBT_COUNSELLING', ORGS.rivierstad),
        ],
      },
      [ORGS.rivierstad, ORGS.kredietbank],
      ORGS.delinde,
    );
    expect(recipients).toEqual([
      { id: ORGS.delinde.id, name: ORGS.delinde.name, role: 'REFERRER' },
      { id: ORGS.rivierstad.id, name: ORGS.rivierstad.name, role: 'DEBT_COUNSELLING' },
      { id: ORGS.kredietbank.id, name: ORGS.kredietbank.name, role: 'DEBT_COUNSELLING' },
    ]);
  });

  it('offers nobody beyond the case without an agreement partner', () => {
    const recipients = consentRecipients(
      {
        myParticipantRole: 'MUNICIPALITY',
        participants: [on('REFERRER', ORGS.delinde), on('MUNICIPALITY', ORGS.rivierstad)],
      },
      [],
      ORGS.rivierstad,
    );
    expect(recipients.map((recipient) => recipient.role)).toEqual(['MUNICIPALITY', 'REFERRER']);
  });
});
