import type { DataCategory } from '@vangnet/shared';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { readSection, sectionAccess } from '../../core/authz/section-access.js';
import { selectedFields } from '../../core/graphql/selection.js';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { CaseService } from './case.service.js';
import type { CaseSectionsService } from './case-sections.service.js';
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
  constructor(
    private readonly caseService: CaseService,
    private readonly caseSectionsService: CaseSectionsService,
  ) {}

  @Authorized()
  @Query(() => CaseConnection, { description: 'Cases the acting membership may see, newest first.' })
  cases(
    @Args() args: CasesArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InstanceType<typeof CaseConnection>> {
    // The list loads what the query selects in its own statement (the count, the tenant's name).
    return this.caseService.listCases(context, args, {
      totalCount: selectedFields(info, []).has('totalCount'),
      contact: selectedFields(info, ['edges', 'node']).has('contact'),
    });
  }

  @Authorized()
  @Query(() => CaseType, { description: 'One case; NOT_FOUND when it does not exist or may not be seen.' })
  case(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<CaseType> {
    return this.caseService.getCase(context, id);
  }

  @FieldResolver(() => [CategoryAccessType], {
    description: 'For every data category: may I read it, and why (not).',
  })
  access(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<CategoryAccessType[]> {
    return sectionAccess(context, root);
  }

  @FieldResolver(() => [ReferralType], {
    description: 'Referrals my organisation sent or received on this case.',
  })
  referrals(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<ReferralType[]> {
    return this.caseService.referrals(context, root.id);
  }

  @FieldResolver(() => ContactSectionType, { nullable: true })
  contact(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<ContactSectionType | null> {
    // Loaded (and its read recorded) by the list's own statement.
    if (root.listedContact !== undefined) return Promise.resolve(root.listedContact);
    return this.section(context, root, 'CONTACT', () => this.caseSectionsService.contact(context, root));
  }

  @FieldResolver(() => ArrearsSectionType, { nullable: true })
  arrears(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<ArrearsSectionType | null> {
    return this.section(context, root, 'ARREARS', () => this.caseSectionsService.arrears(context, root));
  }

  @FieldResolver(() => HouseholdSectionType, { nullable: true })
  household(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<HouseholdSectionType | null> {
    return this.section(context, root, 'HOUSEHOLD', () => this.caseSectionsService.household(context, root));
  }

  @FieldResolver(() => IncomeExpensesSectionType, { nullable: true })
  incomeExpenses(
    @Root() root: CaseType,
    @Ctx() context: GraphQLContext,
  ): Promise<IncomeExpensesSectionType | null> {
    return this.section(context, root, 'INCOME_EXPENSES', () =>
      this.caseSectionsService.incomeExpenses(context, root),
    );
  }

  @FieldResolver(() => DebtsSectionType, { nullable: true })
  debts(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<DebtsSectionType | null> {
    return this.section(context, root, 'DEBTS', () => this.caseSectionsService.debts(context, root));
  }

  @FieldResolver(() => SpecialSectionType, { nullable: true })
  special(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<SpecialSectionType | null> {
    return this.section(context, root, 'SPECIAL', () => this.caseSectionsService.special(context, root));
  }

  private section<T>(
    context: GraphQLContext,
    root: CaseType,
    category: DataCategory,
    load: () => Promise<T | null>,
  ): Promise<T | null> {
    return readSection(context, root, category, load);
  }
}
