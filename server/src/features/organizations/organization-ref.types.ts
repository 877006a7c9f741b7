import type { OrganizationKind } from '@vangnet/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { OrganizationKindEnum } from '../../core/graphql/enums.js';

@ObjectType('OrganizationRef', { description: 'An organisation as other partners see it.' })
export class OrganizationRefType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => OrganizationKindEnum)
  kind: OrganizationKind;
}
