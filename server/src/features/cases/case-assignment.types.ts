import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: "Who of the team lead's organisation works the case." })
export class AssignCaseInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, {
    nullable: true,
    description: "The colleague to assign; null puts the case back in the organisation's queue.",
  })
  assigneeId?: string | null;
}
