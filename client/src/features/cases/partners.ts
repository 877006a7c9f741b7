import { consentRecipientRole, type OrganizationKind, type ParticipantRole } from '@vangnet/shared';

import type { ConsentRecipientOption } from '../consents';
import type { CasePageCase } from './casePageQuery';
import type { ReferralTarget } from '../referrals';

/**
 * Who a consent recorded on this case can name, and in which role: the shared rule
 * (`consentRecipientRole`) over my own organisation, the organisations on the case and the agreement
 * partners it could be referred to. The server decides with the same rule, and checks the purpose against
 * the role (doelbinding).
 */
export function consentRecipients(
  caseData: Pick<CasePageCase, 'participants' | 'myParticipantRole'>,
  agreementPartners: readonly ReferralTarget[],
  actingOrganization: { readonly id: string; readonly name: string; readonly kind: OrganizationKind },
): ConsentRecipientOption[] {
  const roleOnCase = new Map<string, ParticipantRole>(
    caseData.participants.map(({ organization, role }) => [organization.id, role]),
  );
  roleOnCase.set(actingOrganization.id, caseData.myParticipantRole);
  const partnerIds = new Set(agreementPartners.map((partner) => partner.id));
  const candidates = new Map<
    string,
    { readonly id: string; readonly name: string; readonly kind: OrganizationKind }
  >();
  for (const organization of [
    actingOrganization,
    ...caseData.participants.map((participant) => participant.organization),
    ...agreementPartners,
  ]) {
    if (!candidates.has(organization.id)) candidates.set(organization.id, organization);
  }
  return [...candidates.values()].flatMap(({ id, name, kind }) => {
    const role = consentRecipientRole(
      {
        organizationId: id,
        kind,
        participantRole: roleOnCase.get(id) ?? null,
        sharesAgreement: partnerIds.has(id),
      },
      actingOrganization.id,
    );
    return role ? [{ id, name, role }] : [];
  });
}
