import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { ContactAttemptService } from './contact-attempt.service.js';
import { CaseType } from '../cases/index.js';
import { ContactAttemptType, RecordContactAttemptInput } from './contact-attempt.types.js';

/** DDAS contact attempts: recorded by the municipality, read under the CONTACT rule. */
@Resolver(() => CaseType)
export class ContactAttemptResolver {
  constructor(private readonly contactAttemptService: ContactAttemptService) {}

  @Authorized()
  @Mutation(() => ContactAttemptType, {
    description:
      'Records an attempt to reach the tenant (the municipality that received the signal or referral).',
  })
  recordContactAttempt(
    @Arg('input') input: RecordContactAttemptInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ContactAttemptType> {
    return this.contactAttemptService.recordContactAttempt(context, input);
  }

  @FieldResolver(() => [ContactAttemptType], {
    description: 'Contact attempts on this case that I may read (CONTACT), oldest first.',
  })
  contactAttempts(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<ContactAttemptType[]> {
    return this.contactAttemptService.contactAttempts(context, root);
  }
}
