import type { MembershipRole } from '@vangnet/shared';

/**
 * Who may open the monitoring dashboard: the roles the API answers for (a team lead runs the
 * organisation's work; a privacy officer may see the same aggregates). Kept apart from the page so
 * the navigation can ask without loading the charts.
 */
export const DASHBOARD_ROLES: readonly MembershipRole[] = ['TEAM_LEAD', 'PRIVACY_OFFICER'];

export function mayOpenDashboard(role: MembershipRole): boolean {
  return DASHBOARD_ROLES.includes(role);
}
