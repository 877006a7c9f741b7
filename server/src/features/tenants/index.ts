/** What other features use of tenants: the tenant and tenancy tables (a case belongs to both), and those the demo seed fills. */
export { Household } from './household.entity.js';
export { Tenancy } from './tenancy.entity.js';
export { TenantIdentifier } from './tenant-identifier.entity.js';
export { Tenant } from './tenant.entity.js';
