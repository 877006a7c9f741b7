import type { Locale, MembershipRole, OrganizationKind } from '@vangnet/shared';
import { GraphQLJSON } from 'graphql-scalars';
import { ArgsType, Field, ID, ObjectType } from 'type-graphql';
import { LocaleEnum, MembershipRoleEnum, OrganizationKindEnum } from '../../core/graphql/enums.js';

@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => OrganizationKindEnum)
  kind: OrganizationKind;

  @Field({ description: 'CBS gemeentecode of the region.' })
  municipalityCode: string;
}

@ObjectType('Membership')
export class MembershipType {
  @Field(() => ID)
  id: string;

  @Field(() => MembershipRoleEnum)
  role: MembershipRole;

  @Field(() => OrganizationType)
  organization: OrganizationType;
}

@ObjectType('User')
export class UserType {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field()
  displayName: string;

  @Field(() => LocaleEnum)
  locale: Locale;
}

@ObjectType('Me')
export class MeType {
  @Field(() => UserType)
  user: UserType;

  @Field(() => [MembershipType])
  memberships: MembershipType[];

  @Field(() => MembershipType, { nullable: true, description: 'The membership this session acts for.' })
  activeMembership: MembershipType | null;

  @Field(() => GraphQLJSON, {
    description:
      'The access rules of the active membership (CASL packRules format): the same rules the server enforces, for showing or hiding actions.',
  })
  abilityRules: unknown[];
}

@ArgsType()
export class LoginArgs {
  @Field({ description: 'The e-mail address of the account (case and surrounding spaces do not matter).' })
  email: string;

  @Field({ description: 'The password of the account.' })
  password: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field({ description: 'The password the user signs in with now.' })
  currentPassword: string;

  @Field({ description: 'The new password: at least 12 characters, and not the e-mail address.' })
  newPassword: string;
}
