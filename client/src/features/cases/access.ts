import type { AccessBasis, AccessReason, DataCategory } from '../../gql/graphql';

export interface CategoryAccessLike {
  readonly category: DataCategory;
  readonly allowed: boolean;
  readonly basis?: AccessBasis | null;
  readonly reason?: AccessReason | null;
  readonly ownDataOnly?: boolean;
}

/** The descriptor of one category; a category missing from the list counts as withheld without consent. */
export function accessFor<T extends CategoryAccessLike>(
  access: readonly T[],
  category: DataCategory,
): CategoryAccessLike {
  return (
    access.find((entry) => entry.category === category) ?? { category, allowed: false, reason: 'NO_CONSENT' }
  );
}

/** Reasons a tenant's (new) consent can resolve: offer to record one. */
export const CONSENT_RESOLVES: readonly AccessReason[] = [
  'NO_CONSENT',
  'CONSENT_EXPIRED',
  'CONSENT_WITHDRAWN',
];
