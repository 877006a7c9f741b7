import type { ApolloServerPlugin } from '@apollo/server';
import {
  fieldIssueMessage,
  hasForbiddenCharacters,
  validateInput,
  type FieldIssue,
  type Locale,
} from '@vangnet/shared';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import type * as z from 'zod/mini';
import { BadUserInputError } from '../errors.js';
import type { RequestContext } from '../request-context.js';

/** The language of the person asking: the one field messages are written in for API consumers. */
export function localeOf(context: Pick<RequestContext, 'actor'>): Locale {
  return context.actor?.locale ?? 'nl';
}

/**
 * A refused input as the API reports it: a message for the form, per field a message in the asker's
 * language (`fieldErrors`, for consumers that show text as it is) and the issue as data
 * (`fieldIssues`: code and parameters, which the client words itself).
 */
export function inputRefused(issues: readonly FieldIssue[], locale: Locale): BadUserInputError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) fieldErrors[issue.field] ??= fieldIssueMessage(issue, locale);
  const message = locale === 'en' ? 'Some fields are missing or not right.' : 'Niet alles is goed ingevuld.';
  return new BadUserInputError(message, fieldErrors, issues);
}

/**
 * Checks an input against its shared schema (the one the client's form uses too) and returns the clean
 * value, or refuses the whole input with every field issue at once — before anything is read or written.
 */
export function parseInput<Schema extends z.ZodMiniType>(
  context: Pick<RequestContext, 'actor'>,
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const result = validateInput(schema, input);
  if (result.success) return result.value;
  throw inputRefused(result.issues, localeOf(context));
}

/** Where a refused string sits in the request: `input.tenant.surname`, `body`, … */
function stringsWithForbiddenCharacters(value: unknown, path: string, found: string[]): void {
  if (typeof value === 'string') {
    if (hasForbiddenCharacters(value)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => stringsWithForbiddenCharacters(item, `${path}.${index}`, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value))
      stringsWithForbiddenCharacters(item, path === '' ? key : `${path}.${key}`, found);
  }
}

function literalsWithForbiddenCharacters(document: DocumentNode): string[] {
  const found: string[] = [];
  const names: string[] = [];
  visit(document, {
    Argument: {
      enter: (node) => void names.push(node.name.value),
      leave: () => void names.pop(),
    },
    ObjectField: {
      enter: (node) => void names.push(node.name.value),
      leave: () => void names.pop(),
    },
    StringValue: (node) => {
      // Named like the variables: an argument `input` is the input itself.
      const path = names[0] === 'input' ? names.slice(1) : names;
      if (hasForbiddenCharacters(node.value)) found.push(path.join('.') || 'input');
    },
  });
  return found;
}

/**
 * Defence in depth under the input schemas: no text in any request — variable or literal, whatever the
 * field — may hold NUL (which PostgreSQL cannot store), another control character or half a character.
 * Such a request is refused as BAD_USER_INPUT naming each field, before any resolver runs, so it can
 * never surface as an internal error halfway through a write.
 *
 * Field names follow the input: a variable `input` holding `{ tenant: { surname } }` is reported as
 * `tenant.surname`, matching the paths the schemas report; other variables by their own name.
 */
export function inputHygienePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, contextValue }) {
          const found: string[] = [];
          for (const [name, value] of Object.entries(request.variables ?? {}))
            stringsWithForbiddenCharacters(value, name === 'input' ? '' : name, found);
          if (document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION))
            found.push(...literalsWithForbiddenCharacters(document));
          if (found.length === 0) return Promise.resolve();
          const refusal = inputRefused(
            found.map((field) => ({ field, code: 'CONTROL_CHARACTERS', params: {} })),
            localeOf(contextValue),
          );
          return Promise.reject(
            new GraphQLError(refusal.message, {
              originalError: refusal,
              extensions: { ...refusal.extensions, code: refusal.code, http: { status: 400 } },
            }),
          );
        },
      });
    },
  };
}
