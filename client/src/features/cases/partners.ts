import type { ParticipantRole } from '@vangnet/shared';

import type { ConsentRecipientOption } from '../consents';
import type { CasePageCase } from './casePageQuery';
import { ROLE_BY_KIND, type ReferralTarget } from '../referrals';

/**
 * Who a consent recorded on this case can name: my own organisation, the organisations on the case (in
 * their role there) and the agreement partners it could be referred to (in the role of their kind).
 * The server checks the same, and the purpose against the role (doelbinding).
 */
export function consentRecipients(
  caseData: Pick<CasePageCase, 'participants' | 'myParticipantRole'>,
  agreementPartners: readonly ReferralTarget[],
  actingOrganization: { readonly id: string; readonly name: string },
): ConsentRecipientOption[] {
  const recipients = new Map<string, ConsentRecipientOption>();
  recipients.set(actingOrganization.id, {
    id: actingOrganization.id,
    name: actingOrganization.name,
    role: caseData.myParticipantRole,
  });
  for (const { organization, role } of caseData.participants) {
    if (!recipients.has(organization.id)) recipients.set(organization.id, { ...pick(organization), role });
  }
  for (const partner of agreementPartners) {
    if (!recipients.has(partner.id)) recipients.set(partner.id, { ...pick(partner), role: roleOf(partner) });
  }
  return [...recipients.values()];
}

const pick = ({ id, name }: { readonly id: string; readonly name: string }) => ({ id, name });
const roleOf = (partner: ReferralTarget): ParticipantRole => ROLE_BY_KIND[partner.kind];
