import { todayInAmsterdam } from '@vangnet/shared';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { OrganizationRefType } from '../cases/index.js';

/**
 * The organisations mine shares an active data-sharing agreement (convenant) with: where a referral may
 * travel and who a consent can name. That an agreement exists is no personal data, so every member may
 * know it.
 */
export class PartnerOrganizationsService {
  async partnerOrganizations(context: RequestContext): Promise<OrganizationRefType[]> {
    const membership = requireMembership(context);
    return context.db.lookup<OrganizationRefType>(
      `SELECT DISTINCT o.id, o.name, o.kind::text AS kind
         FROM data_sharing_agreement a
         JOIN data_sharing_agreement_party mine ON mine.agreement_id = a.id AND mine.organization_id = $1
         JOIN data_sharing_agreement_party other ON other.agreement_id = a.id AND other.organization_id <> $1
         JOIN organization o ON o.id = other.organization_id
        WHERE a.valid_from <= $2::date AND (a.valid_until IS NULL OR a.valid_until >= $2::date)
        ORDER BY o.name, o.id`,
      [membership.organizationId, todayInAmsterdam(context.access.now)],
    );
  }
}
