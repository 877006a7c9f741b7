import { ROLE_BY_KIND, type OrganizationKind, type ParticipantRole } from '../enums.js';

/** An organisation as the consent-recipient rule sees it, relative to one case and the recording organisation. */
export interface ConsentRecipientCandidate {
  readonly organizationId: string;
  readonly kind: OrganizationKind;
  /** Its role on the case, when it takes part in it. */
  readonly participantRole: ParticipantRole | null;
  /** Whether it shares a data-sharing agreement (convenant) valid today with the recording organisation. */
  readonly sharesAgreement: boolean;
}

/**
 * Which organisations a consent recorded on a case may name as its recipient, and in which role
 * (docs/product.md §3): an organisation on the case, in its role there; an agreement partner the case could
 * be referred to, or the recording organisation itself, in the role of its kind. The role decides which
 * purposes the consent may serve (PURPOSES_BY_PARTICIPANT_ROLE). Null: it cannot be named.
 *
 * The server answers the facts in SQL (core/authz/partnership-sql.ts) and the client from the case and
 * `partnerOrganizations`; both decide with this function.
 */
export function consentRecipientRole(
  candidate: ConsentRecipientCandidate,
  recordingOrganizationId: string,
): ParticipantRole | null {
  if (candidate.participantRole) return candidate.participantRole;
  if (candidate.sharesAgreement || candidate.organizationId === recordingOrganizationId)
    return ROLE_BY_KIND[candidate.kind];
  return null;
}
