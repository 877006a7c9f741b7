import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import { announce } from '../action-plans/announce.js';
import { CaseType } from '../cases/case.types.js';
import { AddCaseNoteInput, CaseNoteType } from './case-note.types.js';

/** Case notes (category CASE_NOTES): append-only, each for the own organisation or shared. */
@Resolver(() => CaseType)
export class CaseNoteResolver {
  @FieldResolver(() => [CaseNoteType], {
    nullable: true,
    description:
      "The notes I may read, newest first; null when CASE_NOTES is withheld. Another organisation's OWN_ORG notes never appear.",
  })
  notes(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<CaseNoteType[] | null> {
    return context.services.caseNotes.notesOf(context, root);
  }

  @Authorized()
  @Mutation(() => CaseNoteType, {
    description:
      'Adds a note (append-only). OWN_ORG needs only the case; SHARED also needs CASE_NOTES (FORBIDDEN otherwise).',
  })
  async addCaseNote(
    @Arg('input') input: AddCaseNoteInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CaseNoteType> {
    return announce(context, await context.services.caseNotes.addCaseNote(context, input));
  }
}
