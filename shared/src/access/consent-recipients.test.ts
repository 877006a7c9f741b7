import { describe, expect, it } from 'vitest';

import { consentRecipientRole } from './consent-recipients.js';

const RECORDING = 'org-corporation';

describe('who a consent may name as its recipient (docs/product.md §3)', () => {
  it('names an organisation on the case in its role there, whatever its kind', () => {
    expect(
      consentRecipientRole(
        {
          organizationId: 'org-municipality',
          kind: 'MUNICIPALITY',
          participantRole: 'DEBT_COUNSELLING',
          sharesAgreement: true,
        },
        RECORDING,
      ),
    ).toBe('DEBT_COUNSELLING');
  });

  it('names an agreement partner not on the case in the role of its kind', () => {
    expect(
      consentRecipientRole(
        {
          organizationId: 'org-kredietbank',
          kind: 'DEBT_COUNSELLING',
          participantRole: null,
          sharesAgreement: true,
        },
        RECORDING,
      ),
    ).toBe('DEBT_COUNSELLING');
  });

  it('names the recording organisation itself in the role of its kind', () => {
    expect(
      consentRecipientRole(
        {
          organizationId: RECORDING,
          kind: 'HOUSING_CORPORATION',
          participantRole: null,
          sharesAgreement: false,
        },
        RECORDING,
      ),
    ).toBe('REFERRER');
  });

  it('refuses an organisation neither on the case nor a partner under a valid agreement', () => {
    expect(
      consentRecipientRole(
        {
          organizationId: 'org-elsewhere',
          kind: 'MUNICIPALITY',
          participantRole: null,
          sharesAgreement: false,
        },
        RECORDING,
      ),
    ).toBeNull();
  });
});
