import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { MonitoringService } from './monitoring.service.js';
import { MonitoringFiguresType } from './monitoring.types.js';

@Resolver(() => MonitoringFiguresType)
export class MonitoringResolver {
  constructor(private readonly monitoringService: MonitoringService) {}

  @Authorized()
  @Query(() => MonitoringFiguresType, {
    description:
      'The monitoring dashboard of the acting organisation over whole calendar months (the month of `from` up to and including the month of `to`, at most 5 years): signals per month, reach, help acceptance, days to first contact, end results, evictions prevented. Aggregates only; counts below 5 are suppressed where figures cross organisations. For a team lead or privacy officer; FORBIDDEN for other roles, BAD_USER_INPUT for a wrong period.',
  })
  monitoring(
    @Arg('from', () => String, { description: 'A day (YYYY-MM-DD) in the first month.' }) from: string,
    @Arg('to', () => String, { description: 'A day (YYYY-MM-DD) in the last month.' }) to: string,
    @Ctx() context: GraphQLContext,
  ): Promise<MonitoringFiguresType> {
    return this.monitoringService.figures(context, from, to);
  }
}
