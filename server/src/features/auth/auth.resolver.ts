import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import { LoginArgs, MeType } from './auth.types.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => MeType, { description: 'Starts a session; sets an httpOnly session cookie.' })
  login(@Args() { email, password }: LoginArgs, @Ctx() context: GraphQLContext): Promise<MeType> {
    return context.services.auth.login(context, email, password);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session.' })
  logout(@Ctx() context: GraphQLContext): Promise<boolean> {
    return context.services.auth.logout(context);
  }

  @Authorized()
  @Query(() => MeType)
  me(@Ctx() context: GraphQLContext): Promise<MeType> {
    return context.services.auth.me(context);
  }

  @Authorized()
  @Mutation(() => MeType, { description: 'Acts for another of my memberships from the next request on.' })
  switchMembership(
    @Arg('membershipId', () => ID) membershipId: string,
    @Ctx() context: GraphQLContext,
  ): Promise<MeType> {
    return context.services.auth.switchMembership(context, membershipId);
  }
}
