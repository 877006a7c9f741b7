import { Arg, Args, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { AuthService } from './auth.service.js';
import { ChangePasswordArgs, LoginArgs, MeType } from './auth.types.js';

@Resolver()
export class AuthResolver {
  constructor(private readonly authService: AuthService) {}

  @Mutation(() => MeType, {
    description:
      'Starts a session; sets an httpOnly session cookie. After too many failed attempts for the e-mail address or from the source address: RATE_LIMITED with extensions.retryAfterSeconds, also for the right password.',
  })
  login(@Args() { email, password }: LoginArgs, @Ctx() context: GraphQLContext): Promise<MeType> {
    return this.authService.login(context, email, password);
  }

  @Mutation(() => Boolean, { description: 'Ends the current session.' })
  logout(@Ctx() context: GraphQLContext): Promise<boolean> {
    return this.authService.logout(context);
  }

  @Authorized()
  @Query(() => MeType)
  me(@Ctx() context: GraphQLContext): Promise<MeType> {
    return this.authService.me(context);
  }

  @Authorized()
  @Mutation(() => MeType, { description: 'Acts for another of my memberships from the next request on.' })
  switchMembership(
    @Arg('membershipId', () => ID) membershipId: string,
    @Ctx() context: GraphQLContext,
  ): Promise<MeType> {
    return this.authService.switchMembership(context, membershipId);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Changes my password (BAD_USER_INPUT per field when the current one is wrong or the new one too weak) and ends my other sessions; this one stays.',
  })
  changePassword(
    @Args() { currentPassword, newPassword }: ChangePasswordArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    return this.authService.changePassword(context, currentPassword, newPassword);
  }

  @Authorized()
  @Mutation(() => Int, {
    description: 'Ends every session of mine, this one included; returns how many sessions were ended.',
  })
  logoutEverywhere(@Ctx() context: GraphQLContext): Promise<number> {
    return this.authService.logoutEverywhere(context);
  }
}
