import type { DataCategory } from '@vangnet/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import {
  ArrearsSectionType,
  CategoryAccessType,
  ContactSectionType,
  DebtsSectionType,
  HouseholdSectionType,
  IncomeExpensesSectionType,
  SpecialSectionType,
} from './case-sections.types.js';
import { CaseConnection, CasesArgs, CaseType, ReferralType } from './case.types.js';

@Resolver(() => CaseType)
export class CaseResolver {
  @Authorized()
  @Query(() => CaseConnection, { description: 'Cases the acting membership may see, newest first.' })
  cases(
    @Args() args: CasesArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<InstanceType<typeof CaseConnection>> {
    return context.services.cases.listCases(context, args);
  }

  @Authorized()
  @Query(() => CaseType, { description: 'One case; NOT_FOUND when it does not exist or may not be seen.' })
  case(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<CaseType> {
    return context.services.cases.getCase(context, id);
  }

  @FieldResolver(() => [CategoryAccessType], {
    description: 'For every data category: may I read it, and why (not).',
  })
  access(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<CategoryAccessType[]> {
    return context.services.sections.access(context, root);
  }

  @FieldResolver(() => [ReferralType], {
    description: 'Referrals my organisation sent or received on this case.',
  })
  referrals(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<ReferralType[]> {
    return context.services.cases.referrals(context, root.id);
  }

  @FieldResolver(() => ContactSectionType, { nullable: true })
  contact(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<ContactSectionType | null> {
    return this.section(context, root, 'CONTACT', () => context.services.sections.contact(context, root));
  }

  @FieldResolver(() => ArrearsSectionType, { nullable: true })
  arrears(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<ArrearsSectionType | null> {
    return this.section(context, root, 'ARREARS', () => context.services.sections.arrears(context, root));
  }

  @FieldResolver(() => HouseholdSectionType, { nullable: true })
  household(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<HouseholdSectionType | null> {
    return this.section(context, root, 'HOUSEHOLD', () => context.services.sections.household(context, root));
  }

  @FieldResolver(() => IncomeExpensesSectionType, { nullable: true })
  incomeExpenses(
    @Root() root: CaseType,
    @Ctx() context: GraphQLContext,
  ): Promise<IncomeExpensesSectionType | null> {
    return this.section(context, root, 'INCOME_EXPENSES', () =>
      context.services.sections.incomeExpenses(context, root),
    );
  }

  @FieldResolver(() => DebtsSectionType, { nullable: true })
  debts(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<DebtsSectionType | null> {
    return this.section(context, root, 'DEBTS', () => context.services.sections.debts(context, root));
  }

  @FieldResolver(() => SpecialSectionType, { nullable: true })
  special(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<SpecialSectionType | null> {
    return this.section(context, root, 'SPECIAL', () => context.services.sections.special(context, root));
  }

  private section<T>(
    context: GraphQLContext,
    root: CaseType,
    category: DataCategory,
    load: () => Promise<T | null>,
  ): Promise<T | null> {
    return context.services.sections.readSection(context, root, category, load);
  }
}
