import { SIGNAL_PARTNER_TYPES, type SignalPartnerType } from '@vangnet/shared';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserRefType } from '../cases/index.js';
import { OrganizationRefType } from '../organizations/index.js';

export const SignalPartnerTypeEnum = Object.fromEntries(SIGNAL_PARTNER_TYPES.map((type) => [type, type])) as {
  [K in SignalPartnerType]: K;
};
registerEnumType(SignalPartnerTypeEnum, {
  name: 'SignalPartnerType',
  description: 'DDAS partner type of a signal: HUUR for a housing corporation.',
});

@InputType({ description: 'Send the early signal (vroegsignaal) of a PRE_SIGNAL case to the municipality.' })
export class SendSignalInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Eviction, energy/water cut-off or health insurance cancellation; default the case's crisis flag.",
  })
  crisis?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Warm handover: the corporation introduces the tenant to the municipality in person. Default false.',
  })
  warmHandover?: boolean | null;
}

@ObjectType('Signal', {
  description:
    'The early signal: only contact details (via the tenant) and this arrears snapshot, by legal task (Wgs).',
})
export class SignalType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  caseId: string;

  @Field({ description: 'YYYY-MM-DD.' })
  signalDate: string;

  @Field(() => Int)
  arrearsAmountCents: number;

  @Field({ description: 'YYYY-MM-DD.' })
  arrearsAroseOn: string;

  @Field()
  crisis: boolean;

  @Field()
  warmHandover: boolean;

  @Field(() => SignalPartnerTypeEnum)
  partnerType: SignalPartnerType;

  @Field(() => OrganizationRefType, { description: 'The municipality that received it.' })
  recipient: OrganizationRefType;

  @Field(() => UserRefType)
  sentBy: UserRefType;

  @Field()
  createdAt: Date;
}
