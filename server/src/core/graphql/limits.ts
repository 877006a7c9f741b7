import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type ASTVisitor,
  type FieldNode,
  type GraphQLCompositeType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { GraphQLLimits } from '../config.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

/**
 * graphql-armor's rules throw by default, which graphql's validate() would not turn into a validation
 * error; reported through the context instead, a refused document answers GRAPHQL_VALIDATION_FAILED
 * like any other invalid one, and nothing executes.
 */
const reportInstead = () => ({
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
});

/**
 * How many objects an answer may hold at most. Every object-typed field counts once for each time it can
 * occur; a list inside a connection (`edges`, `nodes`) occurs once per item of the page, so it is counted
 * `first` times: the number given, the default page size when none is given, and the largest page size
 * when the number comes from a variable (validation is done once per document, before its variables are
 * known, so it assumes the worst). Lists without paging are bounded by the case itself and count once.
 */
export function objectCountOf(context: ValidationContext, operation: OperationDefinitionNode): number {
  const schema = context.getSchema();
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  const variableDefaults = new Map<string, number>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT)
      variableDefaults.set(definition.variable.name.value, Number(definition.defaultValue.value));
  }

  const pageSizeOf = (field: FieldNode): number => {
    const first = field.arguments?.find((argument) => argument.name.value === 'first')?.value;
    let requested: number;
    if (!first || first.kind === Kind.NULL) requested = DEFAULT_PAGE_SIZE;
    else if (first.kind === Kind.INT) requested = Number(first.value);
    else if (first.kind === Kind.VARIABLE)
      requested = variableDefaults.get(first.name.value) ?? MAX_PAGE_SIZE;
    else requested = MAX_PAGE_SIZE;
    // More than a page is refused when the field runs (connection.ts); here it weighs as a full page.
    return Math.min(Math.max(requested, 1), MAX_PAGE_SIZE);
  };

  const count = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
    occurrences: number,
    listFactor: number,
    fragmentsOnPath: ReadonlySet<string>,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!selection.selectionSet || selection.name.value.startsWith('__')) continue;
        if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
        const definition = parentType.getFields()[selection.name.value];
        if (!definition) continue; // an unknown field is reported by graphql's own rules
        const fieldType = getNamedType(definition.type);
        if (!isCompositeType(fieldType)) continue;
        const isList = isListType(getNullableType(definition.type));
        const fieldOccurrences = isList ? occurrences * listFactor : occurrences;
        const isConnection = fieldType.name.endsWith('Connection');
        total +=
          fieldOccurrences +
          count(
            selection.selectionSet,
            fieldType,
            fieldOccurrences,
            isConnection ? pageSizeOf(selection) : 1,
            fragmentsOnPath,
          );
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parentType;
        if (!condition || !isCompositeType(condition)) continue;
        total += count(selection.selectionSet, condition, occurrences, listFactor, fragmentsOnPath);
      } else {
        const name = selection.name.value;
        if (fragmentsOnPath.has(name)) continue; // a cycle, reported by graphql's own rules
        const fragment = context.getFragment(name);
        const condition = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
        if (!fragment || !condition || !isCompositeType(condition)) continue;
        total += count(
          fragment.selectionSet,
          condition,
          occurrences,
          listFactor,
          new Set([...fragmentsOnPath, name]),
        );
      }
    }
    return total;
  };
  return count(operation.selectionSet, rootType, 1, 1, new Set());
}

/** Refuses an operation whose answer could hold more objects than `maxObjects` (see objectCountOf). */
export function maxObjectsRule(maxObjects: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const objects = objectCountOf(context, operation);
      if (objects > maxObjects) {
        context.reportError(
          new GraphQLError(
            `Deze vraag vraagt te veel tegelijk op (${objects} objecten, hoogstens ${maxObjects}). Vraag minder of kleinere pagina's op.`,
            { nodes: [operation] },
          ),
        );
      }
    },
  });
}

/**
 * Every limit on the shape of one GraphQL document, run with graphql's own validation before anything
 * executes. The token limit is not here: the parser applies it (parseOptions.maxTokens), so an
 * oversized document is refused before it is even built.
 */
export function limitValidationRules(limits: GraphQLLimits): ValidationRule[] {
  return [
    maxAliasesRule({ n: limits.maxAliases, ...reportInstead() }),
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...reportInstead() }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reportInstead() }),
    costLimitRule({ maxCost: limits.maxCost, flattenFragments: true, ...reportInstead() }),
    maxObjectsRule(limits.maxObjects),
  ];
}
