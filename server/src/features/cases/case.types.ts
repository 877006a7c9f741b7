import { Field, ID, InputType, ArgsType, ObjectType } from 'type-graphql';
import type { CaseStatus, CoarseCaseStatus, ParticipantRole, ReferralStatus } from '@vangnet/shared';
import {
  CaseStatusEnum,
  CoarseCaseStatusEnum,
  ParticipantRoleEnum,
  ReferralStatusEnum,
} from '../../core/graphql/enums.js';
import { ConnectionType, PageArgs } from '../../core/graphql/connection.js';
import { OrganizationRefType } from '../organizations/index.js';
import type { ContactSectionType } from './case-sections.types.js';

@ObjectType('CaseParticipant')
export class CaseParticipantType {
  @Field(() => OrganizationRefType)
  organization: OrganizationRefType;

  @Field(() => ParticipantRoleEnum)
  role: ParticipantRole;
}

@ObjectType('UserRef')
export class UserRefType {
  @Field(() => ID)
  id: string;

  @Field()
  displayName: string;
}

@ObjectType('Referral', { description: 'A referral my organisation sent or received (closed loop).' })
export class ReferralType {
  @Field(() => ID)
  id: string;

  @Field(() => OrganizationRefType)
  from: OrganizationRefType;

  @Field(() => OrganizationRefType)
  to: OrganizationRefType;

  @Field(() => ParticipantRoleEnum)
  toRole: ParticipantRole;

  @Field(() => ReferralStatusEnum)
  status: ReferralStatus;

  @Field()
  message: string;

  @Field({ description: 'Respond-by date (YYYY-MM-DD).' })
  respondBy: string;

  @Field(() => Date, { nullable: true })
  respondedAt: Date | null;

  @Field(() => String, { nullable: true })
  declineReason: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType('Case', {
  description:
    'A dossier, as the acting organisation may see it. Each data section is null when withheld; `access` says why.',
})
export class CaseType {
  @Field(() => ID)
  id: string;

  /** Not exposed: the sections need it to find the tenant's data and consents. */
  tenantId: string;

  /**
   * Not exposed: the contact section when the list loaded it in its own statement (undefined: not
   * loaded, the section resolver reads it; null: withheld or not recorded).
   */
  listedContact?: ContactSectionType | null;

  @Field({ description: 'Human reference, e.g. VN-2026-000123.' })
  reference: string;

  @Field(() => CaseStatusEnum, {
    nullable: true,
    description: 'The full lifecycle state; null for a housing corporation, which sees coarseStatus only.',
  })
  status: CaseStatus | null;

  @Field(() => CoarseCaseStatusEnum)
  coarseStatus: CoarseCaseStatus;

  @Field()
  crisis: boolean;

  @Field(() => OrganizationRefType, { description: 'The originating housing corporation.' })
  origin: OrganizationRefType;

  @Field(() => ParticipantRoleEnum, { description: 'The role of the acting organisation on this case.' })
  myParticipantRole: ParticipantRole;

  @Field(() => [CaseParticipantType])
  participants: CaseParticipantType[];

  @Field(() => [UserRefType], {
    description: "Assignees from the acting organisation; empty means it is in the org's queue.",
  })
  assignees: UserRefType[];

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;
}

export const CaseConnection = ConnectionType(CaseType, 'Case');

@InputType()
export class CaseFilter {
  @Field(() => [CaseStatusEnum], {
    nullable: true,
    description: 'Ignored for a housing corporation, which cannot see full states.',
  })
  statuses?: CaseStatus[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only cases assigned to me (true) or only my org queue (false).',
  })
  assignedToMe?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Case reference, or the start of one.' })
  reference?: string | null;
}

@ArgsType()
export class CasesArgs extends PageArgs {
  @Field(() => CaseFilter, { nullable: true })
  filter?: CaseFilter | null;
}
