import {
  Arg,
  Authorized,
  ID,
  Resolver,
  Root,
  Subscription,
  type PubSub,
  type SubscribeResolverData,
} from 'type-graphql';
import { BadUserInputError } from '../errors.js';
import type { GraphQLContext } from '../graphql/context.js';
import { isLiveContext, type CaseChangedPayload } from './case-change-feed.js';
import { CaseChangedEventType } from './case-changed.types.js';

type CaseChangedSubscribeData = SubscribeResolverData<unknown, { caseId: string }, GraphQLContext>;

const ONLY_OVER_WEBSOCKET = 'Abonneer je via de WebSocket op /graphql (graphql-ws).';

/**
 * type-graphql insists on a PubSub as soon as the schema has a subscription, even when every subscription
 * brings its own `subscribe` function (as here). Topics are not used: case changes travel on the
 * CaseEventBus.
 */
export const NO_TOPICS_PUB_SUB: PubSub = {
  publish() {
    throw new Error('subscriptions use the CaseEventBus, not type-graphql topics');
  },
  subscribe() {
    throw new Error('subscriptions use the CaseEventBus, not type-graphql topics');
  },
};

/**
 * caseChanged(caseId): live changes of one case, each re-decided for the subscriber with its own access
 * rule at that moment (core/realtime/case-change-feed.ts). The subscription is implemented with
 * type-graphql's `subscribe` option over the case event bus, not with topics and a PubSub: the filtering
 * needs the subscriber's session and SQL, which a topic filter cannot await per subscriber in order.
 */
@Resolver()
export class CaseChangedResolver {
  @Authorized()
  @Subscription(() => CaseChangedEventType, {
    description:
      'Live changes of a case I may see, filtered by my access at the moment of each change. A case I may not see answers NOT_FOUND. Only over the WebSocket at /graphql (graphql-transport-ws protocol).',
    subscribe: ({ args, context }: CaseChangedSubscribeData) => {
      if (!isLiveContext(context)) throw new BadUserInputError(ONLY_OVER_WEBSOCKET);
      return context.live.feed.open(context, context.live.session, args.caseId);
    },
  })
  caseChanged(
    @Root() event: CaseChangedPayload | undefined,
    @Arg('caseId', () => ID) _caseId: string,
  ): CaseChangedEventType {
    // Executed without an event only when someone sends the subscription as an ordinary request.
    if (!event) throw new BadUserInputError(ONLY_OVER_WEBSOCKET);
    return event;
  }
}
