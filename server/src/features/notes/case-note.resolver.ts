import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { CaseNoteService } from './case-note.service.js';
import type { CaseEventBus } from '../../core/realtime/case-events.js';
import { announce } from '../action-plans/index.js';
import { CaseType } from '../cases/index.js';
import { AddCaseNoteInput, CaseNoteType } from './case-note.types.js';

/** Case notes (category CASE_NOTES): append-only, each for the own organisation or shared. */
@Resolver(() => CaseType)
export class CaseNoteResolver {
  constructor(
    private readonly caseNoteService: CaseNoteService,
    private readonly caseEvents: CaseEventBus,
  ) {}

  @FieldResolver(() => [CaseNoteType], {
    nullable: true,
    description:
      "The notes I may read, newest first; null when CASE_NOTES is withheld. Another organisation's OWN_ORG notes never appear.",
  })
  notes(@Root() root: CaseType, @Ctx() context: GraphQLContext): Promise<CaseNoteType[] | null> {
    return this.caseNoteService.notesOf(context, root);
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
    return announce(this.caseEvents, context, await this.caseNoteService.addCaseNote(context, input));
  }
}
