import { todayInAmsterdam } from '@vangnet/shared';
import { validAgreementsOf } from '../../core/authz/partnership-sql.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { OrganizationRefType } from './organization-ref.types.js';

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
         FROM (${validAgreementsOf('$1', '$2::date')}) a
         JOIN organization o ON o.id = a.partner_id
        ORDER BY o.name, o.id`,
      [membership.organizationId, todayInAmsterdam(context.access.now)],
    );
  }
}
