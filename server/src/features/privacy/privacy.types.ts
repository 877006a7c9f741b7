import type { AuditAction, DataCategory } from '@vangnet/shared';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, PageArgs } from '../../core/graphql/connection.js';
import { AuditActionEnum, DataCategoryEnum } from '../../core/graphql/enums.js';
import { UserRefType } from '../cases/index.js';
import { OrganizationRefType } from '../organizations/index.js';

@ObjectType('AuditEvent', {
  description:
    'One event of the audit trail, as the privacy officer of the acting organisation may see it: ids, categories and bases, never case content.',
})
export class AuditEventType {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Position in the append-only trail (a bigint, as a string).' })
  seq: string;

  @Field()
  occurredAt: Date;

  @Field(() => UserRefType, {
    nullable: true,
    description: 'Who acted; null for the system or a removed user.',
  })
  actor: UserRefType | null;

  @Field(() => OrganizationRefType, { nullable: true, description: 'The organisation the actor acted for.' })
  actingOrganization: OrganizationRefType | null;

  @Field(() => AuditActionEnum)
  action: AuditAction;

  @Field({ description: "What was touched, e.g. 'case', 'case-list', 'consent', 'tenant', 'session'." })
  entityType: string;

  @Field(() => ID, { nullable: true })
  entityId: string | null;

  @Field(() => ID, { nullable: true, description: 'Null for a list read or an export: see listedCaseIds.' })
  caseId: string | null;

  @Field(() => String, { nullable: true, description: 'Null when the case no longer exists.' })
  caseReference: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The tenant the event is about, when it is about one: what exportTenantData (AVG art. 15) takes.',
  })
  tenantId: string | null;

  @Field(() => [ID], {
    description: 'For an event about several cases (a list read, an export): every case it named.',
  })
  listedCaseIds: string[];

  @Field(() => [DataCategoryEnum])
  categories: DataCategory[];

  @Field(() => String, {
    nullable: true,
    description: 'A consent id, the name of a legal basis, or ORIGIN (own data).',
  })
  basis: string | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field({ description: 'True once the event is part of the hash chain.' })
  sealed: boolean;
}

export const AuditEventConnection = ConnectionType(AuditEventType, 'AuditEvent');

@ArgsType()
export class AuditTrailArgs extends PageArgs {
  @Field(() => ID)
  caseId: string;
}

@InputType()
export class AuditEventFilter {
  @Field(() => AuditActionEnum, { nullable: true })
  action?: AuditAction | null;

  @Field(() => ID, { nullable: true })
  actorUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'Case reference, or the start of one.' })
  caseReference?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this moment.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events before this moment.' })
  to?: Date | null;
}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  filter?: AuditEventFilter | null;
}

@ObjectType('TenantDataExport', {
  description:
    'Everything one organisation holds or can see about a tenant (AVG art. 15), with who of that organisation accessed it.',
})
export class TenantDataExportType {
  @Field()
  generatedAt: Date;

  @Field(() => OrganizationRefType, { description: 'The controller this export speaks for.' })
  organization: OrganizationRefType;

  @Field({ description: 'The export as pretty-printed JSON.' })
  json: string;

  @Field({ description: 'The export as a readable Dutch HTML document (values escaped).' })
  html: string;
}

/** The verdict of the running servers' check of the audit hash chain. */
export const AuditChainStateEnum = {
  INTACT: 'INTACT',
  BROKEN: 'BROKEN',
  NOT_CHECKED_YET: 'NOT_CHECKED_YET',
} as const;
export type AuditChainState = keyof typeof AuditChainStateEnum;
registerEnumType(AuditChainStateEnum, {
  name: 'AuditChainState',
  description: "The verdict of the running servers' check of the audit hash chain.",
  valuesConfig: {
    INTACT: { description: 'Every sealed row up to verifiedThroughSeq verified.' },
    BROKEN: {
      description:
        'A sealed row no longer verifies (changed, removed or inserted afterwards): see firstBrokenSeq.',
    },
    NOT_CHECKED_YET: { description: 'No server has checked the chain yet (nothing sealed so far).' },
  },
});

@ObjectType('AuditChainStatus', {
  description:
    'Whether the audit trail is still as it was written: the hash chain as the running servers last checked it. Platform-wide, not per organisation; holds row numbers only.',
})
export class AuditChainStatusType {
  @Field(() => AuditChainStateEnum, { description: 'The verdict of the last check.' })
  state: AuditChainState;

  @Field(() => String, {
    nullable: true,
    description:
      'The last row (seq, a bigint as a string) found intact, with every row before it; null before the first check.',
  })
  verifiedThroughSeq: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the chain was last checked; null before the first check.',
  })
  checkedAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'When broken: the first row (seq) that does not verify. Null when intact.',
  })
  firstBrokenSeq: string | null;

  @Field(() => Int, {
    description: 'Rows recorded but not sealed into the chain yet (normally sealed within seconds).',
  })
  waitingToBeSealed: number;
}
