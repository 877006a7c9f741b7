import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { readSection } from '../../core/authz/section-access.js';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { ArrangementService } from './arrangement.service.js';
import { CaseType } from '../cases/index.js';
import {
  CreateArrangementInput,
  DecideRewardInput,
  PaymentArrangementType,
  RecordPaymentInput,
} from './arrangement.types.js';

/** The payment arrangement of a case (category ARRANGEMENT) and rewarding good behaviour (docs/product.md §4). */
@Resolver(() => CaseType)
export class ArrangementResolver {
  constructor(private readonly arrangementService: ArrangementService) {}

  @Authorized()
  @Mutation(() => PaymentArrangementType, {
    description:
      'A payment arrangement with its instalments, by the referring corporation; one ACTIVE arrangement per case.',
  })
  createArrangement(
    @Arg('input') input: CreateArrangementInput,
    @Ctx() context: GraphQLContext,
  ): Promise<PaymentArrangementType> {
    return this.arrangementService.createArrangement(context, input);
  }

  @Authorized()
  @Mutation(() => PaymentArrangementType, {
    description: 'Records the payment of one instalment; new milestones appear with a proposed reward.',
  })
  recordPayment(
    @Arg('input') input: RecordPaymentInput,
    @Ctx() context: GraphQLContext,
  ): Promise<PaymentArrangementType> {
    return this.arrangementService.recordPayment(context, input);
  }

  @Authorized()
  @Mutation(() => PaymentArrangementType, {
    description: 'The corporation confirms or declines the reward proposed for a milestone.',
  })
  decideReward(
    @Arg('input') input: DecideRewardInput,
    @Ctx() context: GraphQLContext,
  ): Promise<PaymentArrangementType> {
    return this.arrangementService.decideReward(context, input);
  }

  @FieldResolver(() => PaymentArrangementType, {
    nullable: true,
    description:
      'The payment arrangement (the current one, else the latest) with its streak; null when withheld or when there is none.',
  })
  arrangement(
    @Root() root: CaseType,
    @Ctx() context: GraphQLContext,
  ): Promise<PaymentArrangementType | null> {
    return readSection(context, root, 'ARRANGEMENT', () =>
      this.arrangementService.arrangementOf(context, root),
    );
  }
}
