import type { ConsentPurpose, DataCategory, Locale } from '@vangnet/shared';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConsentPurposeEnum, DataCategoryEnum, LocaleEnum } from '../../core/graphql/enums.js';
import type { Letter } from './letter.js';
import {
  MESSAGE_KINDS,
  MESSAGE_MILESTONES,
  type MessageKind,
  type MessageMilestone,
} from './message-templates.js';

const enumObject = <T extends string>(values: readonly T[]): { [K in T]: K } =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const MessageKindEnum = enumObject(MESSAGE_KINDS);
export const MessageMilestoneEnum = enumObject(MESSAGE_MILESTONES);
registerEnumType(MessageKindEnum, {
  name: 'MessageKind',
  description: 'A tenant-facing message (docs/product.md §4 "Simple message"): one message, one action.',
});
registerEnumType(MessageMilestoneEnum, {
  name: 'MessageMilestone',
  description: 'The milestone an encouragement is about.',
});

@InputType({
  description:
    'What to write to the tenant. Name and address come from the case (CONTACT). Payment data come from the ' +
    'input when given (all fields a message needs, or none), else from the payment arrangement (ARRANGEMENT).',
})
export class RenderMessageInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => MessageKindEnum)
  kind: MessageKind;

  @Field(() => LocaleEnum, { nullable: true, description: "Default: the tenant's language." })
  locale?: Locale | null;

  @Field(() => Int, {
    nullable: true,
    description: 'PAYMENT_CONFIRMATION: the amount received; PAYMENT_REMINDER: the amount to pay (cents).',
  })
  amountCents?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'PAYMENT_CONFIRMATION: the day it was received (YYYY-MM-DD).',
  })
  paidOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'PAYMENT_REMINDER: the last day to pay (YYYY-MM-DD, today or later).',
  })
  dueDate?: string | null;

  @Field(() => MessageMilestoneEnum, { nullable: true, description: 'MILESTONE_ENCOURAGEMENT.' })
  milestone?: MessageMilestone | null;

  @Field(() => Int, {
    nullable: true,
    description: 'With ON_TIME_STREAK: how many on-time payments in a row.',
  })
  onTimeCount?: number | null;

  @Field(() => Int, { nullable: true, description: 'With a milestone: a confirmed reward (cents), if any.' })
  rewardCents?: number | null;

  @Field(() => ID, { nullable: true, description: 'CONSENT_WORDING: the organisation the data would go to.' })
  recipientOrgId?: string | null;

  @Field(() => ConsentPurposeEnum, { nullable: true, description: 'CONSENT_WORDING: what for.' })
  purpose?: ConsentPurpose | null;

  @Field(() => [DataCategoryEnum], { nullable: true, description: 'CONSENT_WORDING: which data.' })
  categories?: DataCategory[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'CONSENT_WORDING: the last day the consent counts (YYYY-MM-DD); default 12 months from today.',
  })
  validUntil?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A phone number the tenant can call, printed in the message.',
  })
  senderPhone?: string | null;
}

@ObjectType('RenderedMessage', { description: 'A message to the tenant, ready to print or send.' })
export class RenderedMessageType {
  @Field(() => MessageKindEnum)
  kind: MessageKind;

  @Field(() => LocaleEnum)
  locale: Locale;

  @Field()
  subject: string;

  @Field({
    description:
      "The letter's own words as plain text (subject, body, action, statement): to show on screen, and for CONSENT_WORDING to record with the consent (recordConsent.wordingText).",
  })
  text: string;

  @Field({
    description:
      'The version of the template the text came from; it changes whenever its words change (recordConsent.wordingVersion).',
  })
  templateVersion: string;

  /** The composed letter; its HTML and PDF are laid out only when asked for (MessageResolver). */
  letter: Letter;

  @Field(() => [String], {
    description: 'The SMS text: one message, or numbered parts "(1/2) …" of at most 160 characters each.',
  })
  sms: string[];
}
