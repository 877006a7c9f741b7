import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { PrivacyService } from './privacy.service.js';
import {
  AuditChainStatusType,
  AuditEventConnection,
  AuditEventsArgs,
  AuditEventType,
  AuditTrailArgs,
  TenantDataExportType,
} from './privacy.types.js';

@Resolver(() => AuditEventType)
export class PrivacyResolver {
  constructor(private readonly privacyService: PrivacyService) {}

  @Authorized()
  @Query(() => AuditEventConnection, {
    description:
      "Audit events about one case (its own and the list reads and exports naming it), newest first. A privacy officer sees the events of their own organisation's actors; anyone else an empty connection.",
  })
  auditTrail(
    @Args() args: AuditTrailArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<InstanceType<typeof AuditEventConnection>> {
    return this.privacyService.auditTrail(context, args);
  }

  @Authorized()
  @Query(() => AuditEventConnection, {
    description:
      "The privacy officer's audit trail of their own organisation's actors, newest first; empty for anyone else.",
  })
  auditEvents(
    @Args() args: AuditEventsArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<InstanceType<typeof AuditEventConnection>> {
    return this.privacyService.auditEvents(context, args);
  }

  @Authorized()
  @Query(() => AuditChainStatusType, {
    description:
      "The audit trail's hash chain as the running servers last verified it: intact up to which row, when, or where it broke, and how many rows wait to be sealed. For whoever may list the audit trail (a privacy officer); FORBIDDEN for anyone else.",
  })
  auditChainStatus(@Ctx() context: GraphQLContext): Promise<AuditChainStatusType> {
    return this.privacyService.auditChainStatus(context);
  }

  @Authorized()
  @Mutation(() => TenantDataExportType, {
    description:
      "Right of access (AVG art. 15): everything the privacy officer's organisation holds or can see about a tenant, with who of it accessed that. Recorded as an EXPORT audit event. NOT_FOUND unless a privacy officer of an organisation taking part in one of the tenant's cases asks.",
  })
  exportTenantData(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: GraphQLContext,
  ): Promise<TenantDataExportType> {
    return this.privacyService.exportTenantData(context, tenantId);
  }
}
