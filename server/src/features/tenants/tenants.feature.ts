import type { FeatureDescriptor } from '../../core/feature.js';
import { Household } from './household.entity.js';
import { Tenancy } from './tenancy.entity.js';
import { TenantIdentifier } from './tenant-identifier.entity.js';
import { Tenant } from './tenant.entity.js';

/** The tenant and their household: read as sections of a case (features/cases), so no resolver of its own. */
export const tenantsFeature: FeatureDescriptor = {
  name: 'tenants',
  entities: [Tenant, TenantIdentifier, Household, Tenancy],
  resolvers: [],
};
