import { CONTACT_CHANNELS, DAY_PARTS, type ContactChannel, type DayPart } from '@vangnet/shared';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { UserRefType } from '../cases/index.js';

const enumObject = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const ContactChannelEnum = enumObject(CONTACT_CHANNELS);
export const DayPartEnum = enumObject(DAY_PARTS);
registerEnumType(ContactChannelEnum, {
  name: 'ContactChannel',
  description: 'DDAS channel of a contact attempt.',
});
registerEnumType(DayPartEnum, { name: 'DayPart' });

@InputType()
export class RecordContactAttemptInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ContactChannelEnum)
  channel: ContactChannel;

  @Field({ description: 'The day of the attempt (YYYY-MM-DD).' })
  attemptedOn: string;

  @Field(() => DayPartEnum)
  dayPart: DayPart;

  @Field({ description: 'Whether the tenant was reached.' })
  reached: boolean;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ObjectType('ContactAttempt', {
  description: 'DDAS Contactpoging: an attempt to reach the tenant after a signal.',
})
export class ContactAttemptType {
  @Field(() => ID)
  id: string;

  @Field(() => ContactChannelEnum)
  channel: ContactChannel;

  @Field({ description: 'YYYY-MM-DD' })
  attemptedOn: string;

  @Field(() => DayPartEnum)
  dayPart: DayPart;

  @Field()
  reached: boolean;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field({ description: 'Whether the attempt follows up an early signal of the case.' })
  followsSignal: boolean;

  @Field(() => UserRefType, {
    nullable: true,
    description: 'Who recorded it: only for attempts of my organisation.',
  })
  recordedBy: UserRefType | null;

  @Field()
  recordedAt: Date;
}
