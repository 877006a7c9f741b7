import type { CollectionStepKind, DataCategory, Locale, PreferredChannel } from '@vangnet/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  AccessBasisEnum,
  AccessReasonEnum,
  CollectionStepKindEnum,
  DataCategoryEnum,
  LocaleEnum,
  PreferredChannelEnum,
} from '../../core/graphql/enums.js';

export type AccessReason =
  | 'NO_CONSENT'
  | 'NOT_PARTICIPANT'
  | 'NOT_ASSIGNED'
  | 'LEGAL_RESTRICTION'
  | 'CONSENT_WITHDRAWN'
  | 'CONSENT_EXPIRED';
export type AccessBasis = 'CONSENT' | 'LEGAL_BASIS' | 'ORIGIN';

@ObjectType('CategoryAccess', {
  description: 'Whether the acting organisation may read one data category of this case, and why (not).',
})
export class CategoryAccessType {
  @Field(() => DataCategoryEnum)
  category: DataCategory;

  @Field()
  allowed: boolean;

  @Field(() => AccessReasonEnum, { nullable: true, description: 'Why not, when not allowed.' })
  reason: AccessReason | null;

  @Field(() => AccessBasisEnum, { nullable: true, description: 'On what ground, when allowed.' })
  basis: AccessBasis | null;

  @Field(() => ID, { nullable: true, description: 'The consent relied on, when the basis is CONSENT.' })
  consentId: string | null;

  @Field({
    description:
      'True when only data my own organisation recorded is shown (no consent or legal basis for the rest).',
  })
  ownDataOnly: boolean;
}

@ObjectType('ContactSection', { description: 'Category CONTACT.' })
export class ContactSectionType {
  @Field()
  initials: string;

  @Field(() => String, { nullable: true })
  prefix: string | null;

  @Field()
  surname: string;

  @Field(() => String, { nullable: true })
  birthDate: string | null;

  @Field()
  street: string;

  @Field(() => Int)
  houseNumber: number;

  @Field(() => String, { nullable: true })
  houseNumberAddition: string | null;

  @Field()
  postcode: string;

  @Field()
  city: string;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => PreferredChannelEnum, { nullable: true })
  preferredChannel: PreferredChannel | null;

  @Field(() => LocaleEnum)
  language: Locale;

  @Field(() => String, {
    nullable: true,
    description: 'Only ever for the municipality that recorded it (AVG/UAVG art. 46).',
  })
  bsn: string | null;
}

@ObjectType('ArrearsChange')
export class ArrearsChangeType {
  @Field(() => Int)
  amountCents: number;

  @Field()
  aroseOn: string;

  @Field(() => Int)
  monthsInArrears: number;

  @Field()
  recordedAt: Date;
}

@ObjectType('CollectionStep')
export class CollectionStepType {
  @Field(() => ID)
  id: string;

  @Field(() => CollectionStepKindEnum)
  kind: CollectionStepKind;

  @Field()
  stepDate: string;

  @Field(() => String, { nullable: true })
  note: string | null;
}

@ObjectType('CollectionPause')
export class CollectionPauseType {
  @Field(() => ID)
  id: string;

  @Field()
  startsOn: string;

  @Field()
  endsOn: string;

  @Field()
  reason: string;

  @Field()
  automatic: boolean;
}

@ObjectType('ArrearsSection', {
  description: 'Category ARREARS: amount, history, collection ladder, pauses.',
})
export class ArrearsSectionType {
  @Field(() => Int, {
    nullable: true,
    description: 'The version to name in recordArrears (expectedVersion).',
  })
  version: number | null;

  @Field(() => Int, { nullable: true })
  amountCents: number | null;

  @Field(() => String, { nullable: true })
  aroseOn: string | null;

  @Field(() => Int, { nullable: true })
  monthsInArrears: number | null;

  @Field(() => [ArrearsChangeType])
  history: ArrearsChangeType[];

  @Field(() => [CollectionStepType])
  collectionSteps: CollectionStepType[];

  @Field(() => [CollectionPauseType])
  pauses: CollectionPauseType[];
}

@ObjectType('HouseholdSection', { description: 'Category HOUSEHOLD.' })
export class HouseholdSectionType {
  @Field(() => Int)
  adults: number;

  @Field(() => Int)
  children: number;
}

@ObjectType('SpecialSection', {
  description: 'Category SPECIAL (AVG art. 9): only under a consent that names it.',
})
export class SpecialSectionType {
  @Field(() => String, { nullable: true })
  vulnerabilityNotes: string | null;
}

@ObjectType('BudgetLine')
export class BudgetLineType {
  @Field(() => ID)
  id: string;

  @Field()
  kind: 'INCOME' | 'EXPENSE';

  @Field()
  description: string;

  @Field(() => Int)
  monthlyAmountCents: number;
}

@ObjectType('IncomeExpensesSection', { description: 'Category INCOME_EXPENSES.' })
export class IncomeExpensesSectionType {
  @Field(() => [BudgetLineType])
  lines: BudgetLineType[];

  @Field(() => Int)
  monthlyIncomeCents: number;

  @Field(() => Int)
  monthlyExpensesCents: number;
}

@ObjectType('DebtLine')
export class DebtLineType {
  @Field(() => ID)
  id: string;

  @Field()
  creditor: string;

  @Field(() => Int)
  amountCents: number;

  @Field(() => String, { nullable: true })
  collectedBy: string | null;
}

@ObjectType('DebtsSection', { description: 'Category DEBTS: the creditor overview.' })
export class DebtsSectionType {
  @Field(() => [DebtLineType])
  debts: DebtLineType[];

  @Field(() => Int)
  totalCents: number;
}
