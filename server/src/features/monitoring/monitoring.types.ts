import type { SignalEndResultAsSeen, SignalPartnerType } from '@vangnet/shared';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrganizationRefType } from '../organizations/index.js';
import { SignalEndResultAsSeenEnum, SignalPartnerTypeEnum } from '../signals/index.js';

export const MONITORING_SCOPES = ['SIGNALS_SENT', 'SIGNALS_RECEIVED', 'CASES_TAKEN_PART_IN'] as const;
export type MonitoringScope = (typeof MONITORING_SCOPES)[number];
export const MonitoringScopeEnum = Object.fromEntries(MONITORING_SCOPES.map((value) => [value, value])) as {
  [K in MonitoringScope]: K;
};
registerEnumType(MonitoringScopeEnum, {
  name: 'MonitoringScope',
  description:
    'Which signals the figures are about: those the housing corporation sent, those the municipality received, or those of the cases the debt-counselling organisation takes part in.',
});

@ObjectType('MonitoringEndResultCount')
export class MonitoringEndResultCountType {
  @Field(() => SignalEndResultAsSeenEnum, {
    nullable: true,
    description:
      'Null: the signal has no end result yet. A housing corporation sees NOT_PICKED_UP_OTHER_REASON as NOT_PICKED_UP.',
  })
  endResult: SignalEndResultAsSeen | null;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  count: number | null;

  @Field({ description: 'The count is withheld because it is too small to show across organisations.' })
  suppressed: boolean;
}

@ObjectType('MonitoringCounts', {
  description:
    'Aggregate figures of a set of early signals (one per case: its first signal). No personal data. In figures across organisations every count below MonitoringFigures.minimumCount is null, and so is every rate or average built on it; `suppressed` says that something was withheld.',
})
export class MonitoringCountsType {
  @Field(() => Int, { nullable: true, description: 'Signals (cases signalled in the period).' })
  signals: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Signals whose tenant was reached by some contact attempt.',
  })
  reached: number | null;

  @Field(() => Float, { nullable: true, description: 'Reach rate: reached / signals (0–1).' })
  reachRate: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Signals whose case was admitted to debt help at some point.',
  })
  helpAccepted: number | null;

  @Field(() => Float, { nullable: true, description: 'Help acceptance: helpAccepted / signals (0–1).' })
  helpAcceptanceRate: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Signals with a contact attempt on or after the signal date (the base of the two figures below).',
  })
  withFirstContactAttempt: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Average calendar days from the signal to the first contact attempt.',
  })
  averageDaysToFirstContact: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median calendar days from the signal to the first contact attempt.',
  })
  medianDaysToFirstContact: number | null;

  @Field(() => [MonitoringEndResultCountType], {
    description: 'How the signals ended (DDAS end results), including those without an end result yet.',
  })
  endResults: MonitoringEndResultCountType[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Payment arrangements kept: signals whose latest payment arrangement was completed (every instalment paid). Null when suppressed.',
  })
  arrangementsKept: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Evictions prevented: signals whose case was admitted to debt help and has no collection step EVICTED.',
  })
  evictionsPrevented: number | null;

  @Field({ description: 'Some figure of this set is withheld (too small to show across organisations).' })
  suppressed: boolean;
}

@ObjectType('MonitoringMonth')
export class MonitoringMonthType {
  @Field({ description: 'The calendar month, YYYY-MM.' })
  month: string;

  @Field(() => SignalPartnerTypeEnum)
  partnerType: SignalPartnerType;

  @Field(() => Int)
  signals: number;
}

@ObjectType('MonitoringOrganizationFigures')
export class MonitoringOrganizationFiguresType {
  @Field(() => OrganizationRefType)
  organization: OrganizationRefType;

  @Field(() => MonitoringCountsType, { description: 'Suppressed below the minimum count.' })
  figures: MonitoringCountsType;
}

@ObjectType('MonitoringFigures', {
  description:
    "The monitoring dashboard (docs/product.md §6) of the acting organisation: aggregates of live cases and of the anonymous statistics kept after retention, over whole calendar months. The organisation's own figures are shown in full; figures that cross organisations (per partner organisation, the region) suppress counts below the minimum count.",
})
export class MonitoringFiguresType {
  @Field(() => OrganizationRefType)
  organization: OrganizationRefType;

  @Field(() => MonitoringScopeEnum)
  scope: MonitoringScope;

  @Field({ description: 'First day of the first month covered (YYYY-MM-DD): the month of `from`.' })
  from: string;

  @Field({ description: 'Last day of the last month covered (YYYY-MM-DD): the month of `to`.' })
  to: string;

  @Field(() => Int, { description: 'Counts below this are suppressed in figures across organisations.' })
  minimumCount: number;

  @Field(() => MonitoringCountsType, { description: "The organisation's own figures, in full." })
  total: MonitoringCountsType;

  @Field(() => [MonitoringMonthType], {
    description: 'Signals per month and partner type (every month of the period, zeros included).',
  })
  signalsPerMonth: MonitoringMonthType[];

  @Field(() => [MonitoringOrganizationFiguresType], {
    description:
      'The same figures per partner organisation — per municipality for a housing corporation, per housing corporation otherwise — with small counts suppressed.',
  })
  byOrganization: MonitoringOrganizationFiguresType[];

  @Field({ description: "CBS municipality code of the organisation's region." })
  regionCode: string;

  @Field(() => MonitoringCountsType, {
    description:
      "Benchmark: all signals of the organisation's region (every organisation). A count is withheld when the other organisations' part of it (the region minus the organisation's own) is below the minimum count.",
  })
  region: MonitoringCountsType;
}
