import type { ConsentChannel, ConsentPurpose, DataCategory } from '@vangnet/shared';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, PageArgs } from '../../core/graphql/connection.js';
import { ConsentChannelEnum, ConsentPurposeEnum, DataCategoryEnum } from '../../core/graphql/enums.js';
import { UserRefType } from '../cases/index.js';
import { OrganizationRefType } from '../organizations/index.js';

export const CONSENT_STATES = {
  ACTIVE: 'ACTIVE',
  NOT_YET_VALID: 'NOT_YET_VALID',
  EXPIRED: 'EXPIRED',
  WITHDRAWN: 'WITHDRAWN',
} as const;
export type ConsentState = keyof typeof CONSENT_STATES;
registerEnumType(CONSENT_STATES, { name: 'ConsentState' });

@ObjectType('Consent', {
  description: 'A consent of the tenant (toestemming), with the wording that was shown.',
})
export class ConsentType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field()
  caseReference: string;

  @Field(() => ID, {
    description: 'The tenant who gave it: what the privacy officer passes to exportTenantData (AVG art. 15).',
  })
  tenantId: string;

  @Field(() => OrganizationRefType)
  recipient: OrganizationRefType;

  @Field(() => ConsentPurposeEnum)
  purpose: ConsentPurpose;

  @Field(() => [DataCategoryEnum])
  categories: DataCategory[];

  @Field()
  validFrom: Date;

  @Field()
  validUntil: Date;

  @Field(() => CONSENT_STATES)
  state: ConsentState;

  @Field(() => ConsentChannelEnum)
  channel: ConsentChannel;

  @Field()
  wordingVersion: string;

  @Field({ description: 'The B1 text shown to the tenant, verbatim.' })
  wordingText: string;

  @Field(() => UserRefType)
  recordedBy: UserRefType;

  @Field(() => OrganizationRefType)
  recordedByOrganization: OrganizationRefType;

  @Field()
  recordedAt: Date;

  @Field(() => Date, { nullable: true })
  withdrawnAt: Date | null;

  @Field(() => UserRefType, { nullable: true })
  withdrawnBy: UserRefType | null;

  @Field(() => ConsentChannelEnum, { nullable: true })
  withdrawalChannel: ConsentChannel | null;
}

export const ConsentConnection = ConnectionType(ConsentType, 'Consent');

@InputType()
export class RecordConsentInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { description: 'The organisation the tenant lets see the data.' })
  recipientOrgId: string;

  @Field(() => ConsentPurposeEnum)
  purpose: ConsentPurpose;

  @Field(() => [DataCategoryEnum])
  categories: DataCategory[];

  @Field(() => Date, { nullable: true, description: 'Default: now.' })
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Default: 12 months after validFrom.' })
  validUntil?: Date | null;

  @Field(() => ConsentChannelEnum)
  channel: ConsentChannel;

  @Field()
  wordingVersion: string;

  @Field({ description: 'The exact B1 wording shown to the tenant; kept verbatim.' })
  wordingText: string;
}

@InputType()
export class WithdrawConsentInput {
  @Field(() => ID)
  consentId: string;

  @Field(() => ConsentChannelEnum, { description: 'How the tenant withdrew it.' })
  channel: ConsentChannel;
}

@InputType()
export class ConsentRegisterFilter {
  @Field(() => CONSENT_STATES, { nullable: true })
  state?: ConsentState | null;

  @Field(() => String, { nullable: true, description: 'Case reference, or the start of one.' })
  caseReference?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only the consents recorded on this case.' })
  caseId?: string | null;
}

@ArgsType()
export class ConsentRegisterArgs extends PageArgs {
  @Field(() => ConsentRegisterFilter, { nullable: true })
  filter?: ConsentRegisterFilter | null;
}
