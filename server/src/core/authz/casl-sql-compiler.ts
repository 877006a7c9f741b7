/**
 * The condition tree CASL's rulesToAST produces (an @ucast Condition), described by the shape every node
 * has: compound nodes hold a list of nodes, field nodes also name a field.
 */
export interface Condition {
  readonly operator: string;
  readonly value: unknown;
  readonly field?: unknown;
}

export function isCondition(value: unknown): value is Condition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { operator?: unknown }).operator === 'string' &&
    'value' in value
  );
}

/**
 * Compiles the AST of the CASL rules (rulesToAST) into an SQL boolean expression with named
 * parameters. Security code: it refuses anything it does not understand instead of allowing it.
 *
 * - no rules at all (null AST) compiles to FALSE: missing permission means denial;
 * - an unknown operator or an unmapped field throws AccessCompileError;
 * - relations (arrays in the rules, e.g. participants) become EXISTS subqueries.
 */
export class AccessCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessCompileError';
  }
}

/** A scalar column; `arrayOf` names the element type of an array column (for $all). */
export interface ColumnMapping {
  readonly kind: 'column';
  readonly sql: string;
  readonly arrayOf?: string;
}

/** An array relation: rows of `table` linked to the outer row; `$elemMatch` becomes EXISTS. */
export interface RelationMapping {
  readonly kind: 'relation';
  readonly table: string;
  /** The join condition, given the alias the subquery's row gets. */
  readonly link: (alias: string) => string;
  readonly fields: (alias: string) => FieldMappings;
}

/** A field whose meaning needs its own SQL, e.g. "some data of this category was created by X". */
export interface CustomMapping {
  readonly kind: 'custom';
  readonly compile: (operator: string, value: unknown, bind: (value: unknown) => string) => string;
}

export type FieldMapping = ColumnMapping | RelationMapping | CustomMapping;
export type FieldMappings = Readonly<Record<string, FieldMapping>>;

export interface CompiledPredicate {
  readonly sql: string;
  readonly parameters: Record<string, unknown>;
}

/** Hands out parameter names unique within one query, however many predicates it combines. */
export class ParameterBag {
  private count = 0;
  readonly values: Record<string, unknown> = {};
  /**
   * The rules compiled into this bag ("read Case", "read CASE_NOTES" …), with the scope that compiled
   * them: the database gateway runs a read of case-scoped data only when its statement carries at least
   * one predicate of the request's own scope (core/db/gateway.ts).
   */
  readonly compiled: { readonly rule: string; readonly scope: object }[] = [];

  constructor(private readonly prefix = 'authz') {}

  bind(value: unknown): string {
    this.count += 1;
    const name = `${this.prefix}_${this.count}`;
    this.values[name] = value;
    return `:${name}`;
  }

  bindList(values: readonly unknown[]): string {
    this.count += 1;
    const name = `${this.prefix}_${this.count}`;
    this.values[name] = [...values];
    return `(:...${name})`;
  }

  noteCompiled(rule: string, scope: object): void {
    this.compiled.push({ rule, scope });
  }

  nextAlias(base: string): string {
    this.count += 1;
    return `${base}_${this.count}`;
  }
}

const COMPARISONS: Readonly<Record<string, string>> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

type AstNode = Condition;

function compileColumn(column: ColumnMapping, operator: string, value: unknown, bag: ParameterBag): string {
  const sql = column.sql;
  switch (operator) {
    case 'eq':
      return value === null ? `${sql} IS NULL` : `${sql} = ${bag.bind(value)}`;
    case 'ne':
      // Mongo semantics: "not equal" also matches a missing value.
      return value === null ? `${sql} IS NOT NULL` : `(${sql} IS NULL OR ${sql} <> ${bag.bind(value)})`;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      if (value === null || value === undefined)
        throw new AccessCompileError(`${operator} needs a value for ${sql}`);
      return `${sql} ${COMPARISONS[operator]} ${bag.bind(value)}`;
    case 'in':
      if (!Array.isArray(value)) throw new AccessCompileError(`in needs a list for ${sql}`);
      // SQL's IN/NOT IN never match NULL the way CASL does (x NOT IN (NULL, …) is never true): refuse.
      if (value.some((item) => item === null || item === undefined))
        throw new AccessCompileError(`in with null for ${sql}`);
      return value.length === 0 ? 'FALSE' : `${sql} IN ${bag.bindList(value)}`;
    case 'nin':
      if (!Array.isArray(value)) throw new AccessCompileError(`nin needs a list for ${sql}`);
      if (value.some((item) => item === null || item === undefined))
        throw new AccessCompileError(`nin with null for ${sql}`);
      return value.length === 0 ? 'TRUE' : `(${sql} IS NULL OR ${sql} NOT IN ${bag.bindList(value)})`;
    case 'all':
      if (!column.arrayOf) throw new AccessCompileError(`all is only defined for array columns, not ${sql}`);
      if (!Array.isArray(value)) throw new AccessCompileError(`all needs a list for ${sql}`);
      // CASL: an empty $all matches any array, but not a missing one.
      return value.length === 0
        ? `${sql} IS NOT NULL`
        : `${sql} @> CAST(${bag.bind(value)} AS ${column.arrayOf}[])`;
    case 'exists':
      return value ? `${sql} IS NOT NULL` : `${sql} IS NULL`;
    default:
      throw new AccessCompileError(`operator "${operator}" is not supported by the access compiler`);
  }
}

function compileNode(condition: AstNode, fields: FieldMappings, bag: ParameterBag): string {
  if (typeof condition.field !== 'string') {
    const parts = condition.value;
    if (!Array.isArray(parts))
      throw new AccessCompileError(`compound "${condition.operator}" without a list`);
    const compiled = (parts as AstNode[]).map((part) => compileNode(part, fields, bag));
    switch (condition.operator) {
      case 'and':
        return compiled.length === 0 ? 'TRUE' : `(${compiled.join(' AND ')})`;
      case 'or':
        return compiled.length === 0 ? 'FALSE' : `(${compiled.join(' OR ')})`;
      case 'not':
        return compiled.length === 0 ? 'FALSE' : `NOT (${compiled.join(' AND ')})`;
      case 'nor':
        return compiled.length === 0 ? 'TRUE' : `NOT (${compiled.join(' OR ')})`;
      default:
        throw new AccessCompileError(
          `compound operator "${condition.operator}" is not supported by the access compiler`,
        );
    }
  }

  const field = condition.field;
  const mapping = Object.hasOwn(fields, field) ? fields[field] : undefined;
  if (!mapping) throw new AccessCompileError(`field "${field}" is not mapped to SQL`);
  switch (mapping.kind) {
    case 'column':
      return compileColumn(mapping, condition.operator, condition.value, bag);
    case 'custom':
      return mapping.compile(condition.operator, condition.value, (value) => bag.bind(value));
    case 'relation': {
      if (condition.operator !== 'elemMatch') {
        throw new AccessCompileError(
          `relation "${field}" only supports elemMatch, not "${condition.operator}"`,
        );
      }
      if (typeof condition.value !== 'object' || condition.value === null)
        throw new AccessCompileError(`elemMatch on "${field}" without a condition`);
      const alias = bag.nextAlias(field.toLowerCase());
      const inner = compileNode(condition.value as AstNode, mapping.fields(alias), bag);
      return `EXISTS (SELECT 1 FROM ${mapping.table} ${alias} WHERE ${mapping.link(alias)} AND ${inner})`;
    }
  }
}

/** Compiles one rulesToAST result. `null` (no rule allows anything) is FALSE. */
export function compileAccessCondition(
  ast: Condition | null,
  fields: FieldMappings,
  bag: ParameterBag,
): string {
  if (ast === null) return 'FALSE';
  return compileNode(factorCommonConditions(ast), fields, bag);
}

const isCompound = (node: Condition): node is Condition & { readonly value: readonly Condition[] } =>
  typeof node.field !== 'string' && Array.isArray(node.value);

/** A node's conjuncts: the parts of an AND, or the node itself. */
const conjunctsOf = (node: Condition): readonly Condition[] =>
  isCompound(node) && node.operator === 'and' ? node.value : [node];

const sameCondition = (left: Condition, right: Condition): boolean =>
  JSON.stringify(left) === JSON.stringify(right);

/**
 * Rewrites the rule tree into an equivalent one that PostgreSQL can plan per row: nested ANDs and ORs
 * are flattened, and a condition every branch of an OR shares is taken out of it by the distributive law,
 * (A ∧ B) ∨ (A ∧ C) ≡ A ∧ (B ∨ C). CASL writes "my organisation participates" into every rule of a role,
 * so without this the case rule is an OR of branches that each repeat the participation, which
 * PostgreSQL cannot turn into a semi-join: it then weighs the organisation's whole participation set on
 * every request instead of probing the rows of the page. The equivalence tests
 * (app/access-equivalence.test.ts) hold the compiled SQL to the rule in memory.
 */
export function factorCommonConditions(node: Condition): Condition {
  if (!isCompound(node)) {
    if (node.operator === 'elemMatch' && isCondition(node.value))
      return { ...node, value: factorCommonConditions(node.value) };
    return node;
  }
  const parts = node.value.map(factorCommonConditions);
  if (node.operator !== 'and' && node.operator !== 'or') return { ...node, value: parts };
  // Flatten: and(a, and(b, c)) → and(a, b, c); or likewise.
  const flat = parts.flatMap((part) =>
    isCompound(part) && part.operator === node.operator ? part.value : [part],
  );
  if (node.operator === 'and' || flat.length < 2) return { ...node, value: flat };

  const branches = flat.map(conjunctsOf);
  const common = branches[0]!.filter((candidate) =>
    branches.every((branch) => branch.some((conjunct) => sameCondition(conjunct, candidate))),
  );
  if (common.length === 0) return { ...node, value: flat };
  const rests = branches.map((branch) =>
    branch.filter((conjunct) => !common.some((shared) => sameCondition(shared, conjunct))),
  );
  // A branch with nothing left is the common part alone: the OR of the rests is then always true.
  if (rests.some((rest) => rest.length === 0)) return { operator: 'and', value: common };
  const rest: Condition = {
    operator: 'or',
    value: rests.map((conjuncts) =>
      conjuncts.length === 1 ? conjuncts[0]! : { operator: 'and', value: conjuncts },
    ),
  };
  return { operator: 'and', value: [...common, factorCommonConditions(rest)] };
}
