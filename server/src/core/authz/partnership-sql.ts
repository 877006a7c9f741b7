import type { ConsentRecipientCandidate, OrganizationKind, ParticipantRole } from '@vangnet/shared';

/**
 * The SQL form of the rules about partnerships between organisations, written once: when a data-sharing
 * agreement (convenant) counts, and which organisations a consent may name (the rule itself is
 * `consentRecipientRole` in @vangnet/shared; this reads the facts it needs).
 *
 * Days are SQL expressions the caller binds from the request's clock (`todayInAmsterdam(context.access.now)`),
 * never `current_date`: the moment is an input (docs/development.md, "Time in tests").
 */

/** An agreement counts from its first day through its last (`valid_until` inclusive; none: open-ended). */
export function agreementValidOn(agreementAlias: string, daySql: string): string {
  return `(${agreementAlias}.valid_from <= ${daySql} AND (${agreementAlias}.valid_until IS NULL OR ${agreementAlias}.valid_until >= ${daySql}))`;
}

/**
 * The agreements of an organisation valid on the day, one row per partner: `agreement_id`,
 * `valid_from`, `respond_within` (the agreement's working days to answer a referral) and `partner_id`,
 * another party to it.
 */
export function validAgreementsOf(organizationSql: string, daySql: string): string {
  return `SELECT dsa.id AS agreement_id, dsa.valid_from, dsa.referral_respond_within_working_days AS respond_within,
                 dsa_partner.organization_id AS partner_id
            FROM data_sharing_agreement dsa
            JOIN data_sharing_agreement_party dsa_own ON dsa_own.agreement_id = dsa.id AND dsa_own.organization_id = ${organizationSql}
            JOIN data_sharing_agreement_party dsa_partner ON dsa_partner.agreement_id = dsa.id AND dsa_partner.organization_id <> ${organizationSql}
           WHERE ${agreementValidOn('dsa', daySql)}`;
}

/** Whether another organisation is a party to an agreement of the organisation valid on the day. */
export function sharesAgreementOn(
  organizationSql: string,
  otherOrganizationSql: string,
  daySql: string,
): string {
  return `EXISTS (SELECT 1 FROM (${validAgreementsOf(organizationSql, daySql)}) dsa_valid WHERE dsa_valid.partner_id = ${otherOrganizationSql})`;
}

/** One organisation with the facts the consent-recipient rule needs about it. */
export interface ConsentRecipientRow {
  readonly id: string;
  readonly name: string;
  readonly kind: OrganizationKind;
  readonly participant_role: ParticipantRole | null;
  readonly shares_agreement: boolean;
}

/**
 * Selects the would-be recipient of a consent recorded on a case by an organisation, with its role on
 * the case and whether it shares an agreement valid on the day with the recording organisation; no row
 * when the organisation does not exist. `visibleCase` puts the reader's case predicate on the case
 * (given its alias) for a read outside a lock (the gateway's `read`).
 */
export function consentRecipientSql(
  caseIdSql: string,
  recordingOrganizationSql: string,
  recipientOrganizationSql: string,
  daySql: string,
  visibleCase?: (caseAlias: string) => string,
): string {
  const onCase = visibleCase
    ? `JOIN case_file rc ON rc.id = p.case_id WHERE ${visibleCase('rc')} AND`
    : 'WHERE';
  return `SELECT o.id, o.name, o.kind,
                 (SELECT p.role FROM case_participant p ${onCase} p.case_id = ${caseIdSql} AND p.organization_id = o.id) AS participant_role,
                 ${sharesAgreementOn(recordingOrganizationSql, 'o.id', daySql)} AS shares_agreement
            FROM organization o WHERE o.id = ${recipientOrganizationSql}`;
}

export function consentRecipientCandidate(row: ConsentRecipientRow): ConsentRecipientCandidate {
  return {
    organizationId: row.id,
    kind: row.kind,
    participantRole: row.participant_role,
    sharesAgreement: row.shares_agreement,
  };
}
