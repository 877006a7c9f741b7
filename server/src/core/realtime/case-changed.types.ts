import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('CaseChangedEvent', {
  description:
    'Something about a case changed: re-read what you show. Names only the facets you may read (data categories such as ACTION_PLAN, or status); never the data itself.',
})
export class CaseChangedEventType {
  @Field(() => ID)
  caseId: string;

  @Field(() => Int, { description: 'The version of the case (or of the changed row) after the change.' })
  version: number;

  @Field(() => [String], {
    description:
      'The facets that changed and that you may read: data categories, or status. May be empty in a resync event.',
  })
  changed: string[];

  @Field(() => Boolean, {
    description:
      'True when changes may have been missed (the server lost its connection to the database or Redis for a moment and is listening again): re-read everything you show of this case. False for an ordinary change.',
  })
  resync: boolean;
}
