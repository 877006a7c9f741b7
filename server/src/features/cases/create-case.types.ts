import type { Locale, PreferredChannel } from '@vangnet/shared';
import { Field, InputType, Int } from 'type-graphql';
import { LocaleEnum, PreferredChannelEnum } from '../../core/graphql/enums.js';

/**
 * The tenant as a housing corporation knows them. There is deliberately no BSN field: a corporation never
 * enters or sees it (AVG/UAVG art. 46), so GraphQL refuses one before any code runs.
 */
@InputType({ description: 'The tenant of a new dossier (category CONTACT). Never a BSN.' })
export class NewTenantInput {
  @Field()
  initials: string;

  @Field(() => String, { nullable: true, description: 'Tussenvoegsel, e.g. "van der".' })
  prefix?: string | null;

  @Field()
  surname: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  birthDate?: string | null;

  @Field()
  street: string;

  @Field(() => Int)
  houseNumber: number;

  @Field(() => String, { nullable: true })
  houseNumberAddition?: string | null;

  @Field({ description: 'Dutch postcode; "1234 ab" is stored as 1234AB.' })
  postcode: string;

  @Field()
  city: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => PreferredChannelEnum, { nullable: true })
  preferredChannel?: PreferredChannel | null;

  @Field(() => LocaleEnum, { nullable: true, description: 'Default nl.' })
  language?: Locale | null;

  @Field(() => String, {
    nullable: true,
    description: "CBS gemeentecode of where the tenant lives; default the corporation's region.",
  })
  municipalityCode?: string | null;
}

@InputType()
export class NewHouseholdInput {
  @Field(() => Int)
  adults: number;

  @Field(() => Int, { description: 'Minors in the household (eviction restraint).' })
  children: number;
}

@InputType()
export class NewTenancyInput {
  @Field({ description: "The corporation's contract number; one open dossier per contract." })
  contractNumber: string;

  @Field(() => Int)
  monthlyRentCents: number;
}

@InputType()
export class InitialArrearsInput {
  @Field(() => Int)
  amountCents: number;

  @Field({ description: 'YYYY-MM-DD.' })
  aroseOn: string;

  @Field(() => Int)
  monthsInArrears: number;
}

@InputType({ description: 'A corporation opens a dossier (status PRE_SIGNAL) for a tenant in arrears.' })
export class CreateCaseInput {
  @Field(() => NewTenantInput)
  tenant: NewTenantInput;

  @Field(() => NewHouseholdInput, { nullable: true, description: 'Default one adult, no children.' })
  household?: NewHouseholdInput | null;

  @Field(() => NewTenancyInput)
  tenancy: NewTenancyInput;

  @Field(() => InitialArrearsInput)
  arrears: InitialArrearsInput;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Eviction, energy/water cut-off or health insurance cancellation.',
  })
  crisis?: boolean | null;
}
