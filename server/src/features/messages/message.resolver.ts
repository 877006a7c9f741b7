import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import { RenderedMessageType, RenderMessageInput } from './message.types.js';

/** Messages to the tenant (SPEC §4 "Simple message"). Rendering reads personal data, so it is a query with a read audit. */
@Resolver()
export class MessageResolver {
  @Authorized()
  @Query(() => RenderedMessageType, {
    description:
      'A message to the tenant of a case as a printable letter (HTML and PDF) and SMS text, in the tenant’s language unless another is asked for.',
  })
  renderMessage(
    @Arg('input') input: RenderMessageInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RenderedMessageType> {
    return context.services.messages.renderMessage(context, input);
  }
}
