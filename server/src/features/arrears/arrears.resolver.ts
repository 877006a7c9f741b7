import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../core/graphql/context.js';
import type { ArrearsService } from './arrears.service.js';
import type { ArrearsImportService } from './arrears-import.service.js';
import { CollectionPauseType, CollectionStepType } from '../cases/index.js';
import { ArrearsImportResultType, ImportArrearsInput } from './arrears-import.types.js';
import {
  CaseArrearsType,
  RecordArrearsInput,
  RecordCollectionStepInput,
  SetCollectionPauseInput,
} from './arrears.types.js';

/** The referring corporation's arrears administration: arrears, the ERP import, the collection ladder and pauses. */
@Resolver()
export class ArrearsResolver {
  constructor(
    private readonly arrearsService: ArrearsService,
    private readonly arrearsImportService: ArrearsImportService,
  ) {}

  @Authorized()
  @Mutation(() => CaseArrearsType, {
    description: 'New arrears for a case; CONFLICT (with the current row) when expectedVersion is stale.',
  })
  recordArrears(
    @Arg('input') input: RecordArrearsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CaseArrearsType> {
    return this.arrearsService.recordArrears(context, input);
  }

  @Authorized()
  @Mutation(() => ArrearsImportResultType, {
    description: "Reads the corporation's arrears list (CSV) and reports the outcome of every row.",
  })
  importArrears(
    @Arg('input') input: ImportArrearsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ArrearsImportResultType> {
    return this.arrearsImportService.importArrears(context, input);
  }

  @Authorized()
  @Mutation(() => CollectionStepType, {
    description:
      'One rung of the collection ladder; beyond DEMAND refused while a collection pause is active.',
  })
  recordCollectionStep(
    @Arg('input') input: RecordCollectionStepInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CollectionStepType> {
    return this.arrearsService.recordCollectionStep(context, input);
  }

  @Authorized()
  @Mutation(() => CollectionPauseType, {
    description: 'A collection pause (adempauze) set by the corporation.',
  })
  setCollectionPause(
    @Arg('input') input: SetCollectionPauseInput,
    @Ctx() context: GraphQLContext,
  ): Promise<CollectionPauseType> {
    return this.arrearsService.setCollectionPause(context, input);
  }
}
