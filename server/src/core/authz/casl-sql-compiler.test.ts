import { createMongoAbility, subject as tagSubject, type MongoQuery } from '@casl/ability';
import { rulesToAST } from '@casl/ability/extra';
import {
  DATA_CATEGORIES,
  defineAbilityFor,
  type AccessActor,
  type AccessSubjectType,
  type CaseAction,
  type DataCategory,
} from '@vangnet/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { AccessScope } from './access-scope.js';
import {
  AccessCompileError,
  ParameterBag,
  compileAccessCondition,
  type ColumnMapping,
  type FieldMappings,
  factorCommonConditions,
} from './casl-sql-compiler.js';
import {
  auditTrailSubject,
  caseSubject,
  categoryRowSubject,
  categorySectionSubject,
  consentSubject,
  referralSubject,
} from './subject-mappings.js';

/**
 * The compiler turns CASL's condition tree into SQL. Every operator is checked the same way: the rule is
 * evaluated by CASL in memory on a handful of records, and the compiled SQL by PostgreSQL on the very
 * same records in a table; both must pick the same records. A NULL column stands for a field the
 * record does not have (SQL cannot tell the two apart); where CASL and SQL still differ on NULL, the
 * test says so and shows that SQL is the stricter one.
 */

const INJECTION = "x' OR '1'='1";

interface ProbeItem {
  readonly label: string | null;
  readonly qty: number;
}

interface Probe {
  readonly id: number;
  readonly name: string | null;
  readonly amount: number | null;
  /** ISO-8601 in UTC, as the access rules write timestamps. */
  readonly at: string | null;
  readonly tags: readonly DataCategory[] | null;
  readonly items: readonly ProbeItem[];
}

const PROBES: readonly Probe[] = [
  {
    id: 1,
    name: 'alpha',
    amount: 10,
    at: '2025-01-01T00:00:00.000Z',
    tags: ['CONTACT', 'ARREARS'],
    items: [
      { label: 'x', qty: 1 },
      { label: 'y', qty: 5 },
    ],
  },
  {
    id: 2,
    name: 'beta',
    amount: 20,
    at: '2025-03-15T12:00:00.000Z',
    tags: ['ARREARS'],
    items: [{ label: 'x', qty: 7 }],
  },
  { id: 3, name: null, amount: null, at: null, tags: null, items: [] },
  {
    id: 4,
    name: INJECTION,
    amount: 20,
    at: '2025-06-01T00:00:00.000Z',
    tags: ['CONTACT', 'ARREARS', 'SPECIAL'],
    items: [{ label: null, qty: 2 }],
  },
  { id: 5, name: 'gamma', amount: 30, at: '2025-03-15T12:00:00.001Z', tags: [], items: [] },
];
const ALL_IDS = PROBES.map((probe) => probe.id);

const column = (sql: string, arrayOf?: string): ColumnMapping =>
  arrayOf ? { kind: 'column', sql, arrayOf } : { kind: 'column', sql };

const PROBE_FIELDS: FieldMappings = {
  id: column('p.id'),
  name: column('p.name'),
  amount: column('p.amount'),
  at: column('p.at'),
  tags: column('p.tags', 'data_category'),
  items: {
    kind: 'relation',
    table: 'probe_item',
    link: (alias) => `${alias}.probe_id = p.id`,
    fields: (alias) => ({ label: column(`${alias}.label`), qty: column(`${alias}.qty`) }),
  },
};

/** The record as CASL sees it: a NULL column is a field the record does not have. */
function recordOf(probe: Probe): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: probe.id,
    items: probe.items.map((item) =>
      item.label === null ? { qty: item.qty } : { label: item.label, qty: item.qty },
    ),
  };
  if (probe.name !== null) record.name = probe.name;
  if (probe.amount !== null) record.amount = probe.amount;
  if (probe.at !== null) record.at = probe.at;
  if (probe.tags !== null) record.tags = [...probe.tags];
  return record;
}

interface ProbeRule {
  readonly conditions?: MongoQuery;
  readonly inverted?: boolean;
}

/** What the compiler accepts: rulesToAST's result (typed loosely, as @ucast's typings resolve here). */
type Ast = Parameters<typeof compileAccessCondition>[0];

/**
 * Hand-built condition nodes, for shapes CASL never produces (empty compounds, unknown operators). The
 * compiler reads only operator, field and value; @ucast/core's classes are not a dependency of the server.
 */
interface HandNode {
  readonly operator: string;
  readonly value: unknown;
  readonly field?: string;
}

const node = (operator: string, value: unknown): HandNode => ({ operator, value });
const field = (operator: string, name: string, value: unknown): HandNode => ({
  operator,
  field: name,
  value,
});

describe('the CASL → SQL compiler', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.query(
      `CREATE TABLE probe (id integer PRIMARY KEY, name text, amount integer, at timestamptz, tags data_category[])`,
    );
    await database.query(
      `CREATE TABLE probe_item (probe_id integer NOT NULL REFERENCES probe (id), label text, qty integer NOT NULL)`,
    );
    for (const probe of PROBES) {
      await database.query(
        `INSERT INTO probe (id, name, amount, at, tags) VALUES ($1, $2, $3, $4, $5::data_category[])`,
        [probe.id, probe.name, probe.amount, probe.at, probe.tags === null ? null : [...probe.tags]],
      );
      for (const item of probe.items) {
        await database.query(`INSERT INTO probe_item (probe_id, label, qty) VALUES ($1, $2, $3)`, [
          probe.id,
          item.label,
          item.qty,
        ]);
      }
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  /** Runs a compiled predicate over the probe table, with TypeORM's named parameters. */
  async function select(predicate: string, bag: ParameterBag): Promise<number[]> {
    const [sql, parameters] = database.dataSource.driver.escapeQueryWithParameters(
      `SELECT p.id FROM probe p WHERE ${predicate} ORDER BY p.id`,
      bag.values,
      {},
    );
    const rows = await database.query<{ id: number }>(sql, parameters);
    return rows.map((row) => row.id);
  }

  function compile(ast: Ast, fields: FieldMappings = PROBE_FIELDS): { sql: string; bag: ParameterBag } {
    const bag = new ParameterBag();
    return { sql: compileAccessCondition(ast, fields, bag), bag };
  }

  /** One decision by both: CASL in memory and PostgreSQL on the compiled SQL. */
  async function decide(
    ...rules: ProbeRule[]
  ): Promise<{ sql: string; bag: ParameterBag; sqlIds: number[]; caslIds: number[] }> {
    const ability = createMongoAbility(rules.map((rule) => ({ action: 'read', subject: 'Probe', ...rule })));
    const { sql, bag } = compile(rulesToAST(ability, 'read', 'Probe'));
    const caslIds = PROBES.filter((probe) => ability.can('read', tagSubject('Probe', recordOf(probe)))).map(
      (probe) => probe.id,
    );
    return { sql, bag, sqlIds: await select(sql, bag), caslIds };
  }

  const when = (conditions: MongoQuery): ProbeRule => ({ conditions });

  async function expectBoth(conditions: MongoQuery, expected: number[]): Promise<string> {
    const { sql, sqlIds, caslIds } = await decide(when(conditions));
    expect({ conditions, sql: sqlIds }).toEqual({ conditions, sql: expected });
    expect({ conditions, casl: caslIds }).toEqual({ conditions, casl: expected });
    return sql;
  }

  async function run(ast: HandNode): Promise<number[]> {
    const { sql, bag } = compile(ast);
    return select(sql, bag);
  }

  describe('each operator decides in PostgreSQL as CASL does in memory', () => {
    it('eq: an equal value, and null as IS NULL (a missing field)', async () => {
      await expectBoth({ name: 'beta' }, [2]);
      await expectBoth({ amount: 20 }, [2, 4]);
      await expectBoth({ at: '2025-03-15T12:00:00.000Z' }, [2]);
      const isNull = await expectBoth({ name: null }, [3]);
      expect(isNull).toBe('p.name IS NULL');
      await expectBoth({ amount: { $eq: null } }, [3]);
    });

    it('ne: also matches a missing value; ne null means "has a value"', async () => {
      await expectBoth({ amount: { $ne: 20 } }, [1, 3, 5]);
      await expectBoth({ name: { $ne: 'alpha' } }, [2, 3, 4, 5]);
      const hasValue = await expectBoth({ name: { $ne: null } }, [1, 2, 4, 5]);
      expect(hasValue).toBe('p.name IS NOT NULL');
    });

    it('lt, lte, gt, gte on numbers and on timestamps given as ISO strings (millisecond boundary)', async () => {
      await expectBothOnValues({ amount: { $lt: 20 } }, [1]);
      await expectBothOnValues({ amount: { $lte: 20 } }, [1, 2, 4]);
      await expectBothOnValues({ amount: { $gt: 20 } }, [5]);
      await expectBothOnValues({ amount: { $gte: 20 } }, [2, 4, 5]);
      const now = '2025-03-15T12:00:00.000Z';
      await expectBothOnValues({ at: { $lt: now } }, [1]);
      await expectBothOnValues({ at: { $lte: now } }, [1, 2]);
      await expectBothOnValues({ at: { $gt: now } }, [4, 5]);
      await expectBothOnValues({ at: { $gte: now } }, [2, 4, 5]);
      await expectBothOnValues({ at: { $gt: now, $lte: '2025-03-15T12:00:00.001Z' } }, [5]);
    });

    /** Comparisons agree on every record with a value; for a missing one, see the NULL test below. */
    async function expectBothOnValues(conditions: MongoQuery, expected: number[]): Promise<void> {
      const { sqlIds, caslIds } = await decide(when(conditions));
      const nullRecords = [3];
      expect({ conditions, sql: sqlIds }).toEqual({ conditions, sql: expected });
      expect({ conditions, casl: caslIds.filter((id) => !nullRecords.includes(id)) }).toEqual({
        conditions,
        casl: expected,
      });
    }

    it('a NULL never satisfies a comparison in SQL (CASL in memory lets a missing field pass $lt/$lte: SQL is the stricter)', async () => {
      const lt = await decide(when({ amount: { $lt: 100 } }));
      expect(lt.sqlIds).toEqual([1, 2, 4, 5]);
      expect(lt.caslIds).toEqual([1, 2, 3, 4, 5]);
      const gte = await decide(when({ at: { $gte: '2000-01-01T00:00:00.000Z' } }));
      expect(gte.sqlIds).toEqual(gte.caslIds);
      expect(gte.sqlIds).toEqual([1, 2, 4, 5]);
    });

    it('in: membership of a list, and the empty list is FALSE', async () => {
      await expectBoth({ amount: { $in: [10, 30] } }, [1, 5]);
      await expectBoth({ name: { $in: ['beta', INJECTION, 'nobody'] } }, [2, 4]);
      const empty = await expectBoth({ amount: { $in: [] } }, []);
      expect(empty).toBe('FALSE');
    });

    it('nin: not in the list (a missing value included), and the empty list is TRUE', async () => {
      await expectBoth({ amount: { $nin: [20] } }, [1, 3, 5]);
      await expectBoth({ name: { $nin: ['alpha', 'gamma'] } }, [2, 3, 4]);
      const empty = await expectBoth({ amount: { $nin: [] } }, ALL_IDS);
      expect(empty).toBe('TRUE');
    });

    it('all: an array column holding every listed value (cast to the element type)', async () => {
      const sql = await expectBoth({ tags: { $all: ['CONTACT', 'ARREARS'] } }, [1, 4]);
      expect(sql).toMatch(/^p\.tags @> CAST\(:authz_1 AS data_category\[\]\)$/);
      await expectBoth({ tags: { $all: ['SPECIAL'] } }, [4]);
      await expectBoth({ tags: { $all: ['ARREARS'] } }, [1, 2, 4]);
      await expectBoth({ tags: { $all: ['CASE_NOTES'] } }, []);
    });

    it('all with an empty list: every array qualifies, a missing (NULL) array does not', async () => {
      await expectBoth({ tags: { $all: [] } }, [1, 2, 4, 5]);
    });

    it('exists: a value is present (NULL ≙ missing)', async () => {
      await expectBoth({ name: { $exists: true } }, [1, 2, 4, 5]);
      await expectBoth({ name: { $exists: false } }, [3]);
    });

    it('elemMatch on a relation: EXISTS, with all conditions on the same element', async () => {
      const sql = await expectBoth({ items: { $elemMatch: { label: 'x', qty: { $gte: 5 } } } }, [2]);
      expect(sql).toMatch(
        /^EXISTS \(SELECT 1 FROM probe_item items_\d+ WHERE items_\d+\.probe_id = p\.id AND /,
      );
      await expectBoth({ items: { $elemMatch: { label: 'x' } } }, [1, 2]);
      await expectBoth({ items: { $elemMatch: { qty: { $in: [2, 5] } } } }, [1, 4]);
      await expectBoth({ items: { $elemMatch: { label: null } } }, [4]);
      await expectBoth({ items: { $elemMatch: { label: { $ne: 'x' } } } }, [1, 4]);
    });

    it('and (several fields), or (several rules), not (a cannot rule) as rulesToAST builds them', async () => {
      await expectBoth({ amount: 20, name: { $ne: INJECTION } }, [2]);

      const or = await decide(when({ name: 'alpha' }), when({ amount: { $gte: 30 } }));
      expect(or.sql).toMatch(/ OR /);
      expect(or.sqlIds).toEqual([1, 5]);
      expect(or.caslIds).toEqual([1, 5]);

      // Later rules win: an unconditional can, restricted by a cannot on a relation.
      const not = await decide({}, { conditions: { items: { $elemMatch: { label: 'x' } } }, inverted: true });
      expect(not.sql).toMatch(/^NOT \(EXISTS /);
      expect(not.sqlIds).toEqual([3, 4, 5]);
      expect(not.caslIds).toEqual([3, 4, 5]);

      // A can below a cannot: the cannot bounds it; a can above it is not bounded.
      const layered = await decide(
        when({ amount: { $gte: 20 } }),
        { conditions: { tags: { $all: ['SPECIAL'] } }, inverted: true },
        when({ name: 'alpha' }),
      );
      expect(layered.sqlIds).toEqual([1, 2, 5]);
      expect(layered.caslIds).toEqual([1, 2, 5]);

      // An unconditional can compiles to the empty AND: TRUE.
      const everything = await decide({});
      expect(everything.sql).toBe('TRUE');
      expect(everything.sqlIds).toEqual(ALL_IDS);
      expect(everything.caslIds).toEqual(ALL_IDS);
    });

    it('a NOT over a nullable column leaves NULL rows out (SQL three-valued logic: stricter than CASL, never looser)', async () => {
      const not = await decide({}, { conditions: { amount: 20 }, inverted: true });
      expect(not.caslIds).toEqual([1, 3, 5]);
      expect(not.sqlIds).toEqual([1, 5]);
    });

    it('and/or/not/nor on hand-built trees, including their empty forms', async () => {
      const beta = field('eq', 'name', 'beta');
      const twenty = field('eq', 'amount', 20);
      const cheap = field('lt', 'amount', 15);

      expect(await run(node('and', [beta, twenty]))).toEqual([2]);
      expect(await run(node('or', [beta, cheap]))).toEqual([1, 2]);
      expect(await run(node('not', [twenty]))).toEqual([1, 5]);
      expect(await run(node('nor', [beta, cheap]))).toEqual([4, 5]);
      expect(await run(node('and', [node('or', [beta, cheap]), node('not', [cheap])]))).toEqual([2]);

      expect(compile(node('and', [])).sql).toBe('TRUE');
      expect(compile(node('or', [])).sql).toBe('FALSE');
      expect(compile(node('not', [])).sql).toBe('FALSE');
      expect(compile(node('nor', [])).sql).toBe('TRUE');
      expect(await run(node('and', []))).toEqual(ALL_IDS);
      expect(await run(node('or', []))).toEqual([]);
      expect(await run(node('not', []))).toEqual([]);
      expect(await run(node('nor', []))).toEqual(ALL_IDS);
    });
  });

  describe('refuses what it does not understand', () => {
    const compileRule = (conditions: MongoQuery) => () =>
      compile(
        rulesToAST(createMongoAbility([{ action: 'read', subject: 'Probe', conditions }]), 'read', 'Probe'),
      );

    it('throws AccessCompileError for unknown operators (regex, size, mod, where …)', () => {
      expect(compileRule({ name: { $regex: '^a' } })).toThrow(AccessCompileError);
      expect(compileRule({ name: { $regex: '^a' } })).toThrow(/operator "regex"/);
      expect(compileRule({ tags: { $size: 2 } })).toThrow(/operator "size"/);
      expect(() => compile(field('mod', 'amount', [2, 0]))).toThrow(AccessCompileError);
      expect(() => compile(node('where', () => true))).toThrow(AccessCompileError);
      expect(() => compile(node('xor', [field('eq', 'name', 'beta')]))).toThrow(/compound operator "xor"/);
    });

    it('throws for an unmapped field, including inherited object properties and $or (a field to CASL 7)', () => {
      expect(compileRule({ secret: 1 })).toThrow(AccessCompileError);
      expect(compileRule({ secret: 1 })).toThrow(/field "secret" is not mapped/);
      expect(() => compile(field('eq', 'constructor', 'x'))).toThrow(AccessCompileError);
      expect(() => compile(field('eq', '__proto__', 'x'))).toThrow(AccessCompileError);
      expect(() => compile(field('eq', 'toString', 'x'))).toThrow(AccessCompileError);
      expect(compileRule({ $or: [{ name: 'alpha' }, { name: 'beta' }] })).toThrow(AccessCompileError);
      // A field of the outer record is not a field of the relation's rows.
      expect(compileRule({ items: { $elemMatch: { name: 'alpha' } } })).toThrow(/field "name" is not mapped/);
    });

    it('throws for elemMatch on a column and for any other operator on a relation', () => {
      expect(compileRule({ name: { $elemMatch: { label: 'x' } } })).toThrow(AccessCompileError);
      expect(compileRule({ items: 'x' })).toThrow(/relation "items" only supports elemMatch, not "eq"/);
      expect(compileRule({ items: { $size: 0 } })).toThrow(/relation "items" only supports elemMatch/);
      expect(compileRule({ items: { $exists: true } })).toThrow(AccessCompileError);
      expect(() => compile(field('elemMatch', 'items', null))).toThrow(AccessCompileError);
    });

    it('throws for malformed values: comparisons with null, in/nin/all without a list, compounds without a list, all on a scalar', () => {
      expect(() => compile(field('lt', 'amount', null))).toThrow(AccessCompileError);
      expect(() => compile(field('gte', 'at', undefined))).toThrow(AccessCompileError);
      expect(() => compile(field('in', 'amount', 20))).toThrow(AccessCompileError);
      expect(() => compile(field('nin', 'amount', 20))).toThrow(AccessCompileError);
      expect(() => compile(field('all', 'tags', 'SPECIAL'))).toThrow(AccessCompileError);
      expect(compileRule({ name: { $all: ['alpha'] } })).toThrow(/all is only defined for array columns/);
      expect(() => compile(node('and', field('eq', 'name', 'beta')))).toThrow(AccessCompileError);
    });

    it('refuses a null inside an in/nin list, which SQL would not decide like CASL', () => {
      expect(compileRule({ name: { $in: [null, 'alpha'] } })).toThrow(AccessCompileError);
      expect(compileRule({ name: { $nin: [null, 'alpha'] } })).toThrow(AccessCompileError);
    });

    it('refuses originOrgId of a case section with anything but eq of an organisation id', () => {
      const section = categorySectionSubject('DEBTS', 'c');
      expect(() => compile(field('ne', 'originOrgId', 'org'), section)).toThrow(AccessCompileError);
      expect(() => compile(field('in', 'originOrgId', ['org']), section)).toThrow(AccessCompileError);
      expect(() => compile(field('eq', 'originOrgId', null), section)).toThrow(AccessCompileError);
    });
  });

  describe('no rules, no rows', () => {
    it('compiles a null AST to exactly FALSE and binds nothing', () => {
      const bag = new ParameterBag();
      expect(compileAccessCondition(null, PROBE_FIELDS, bag)).toBe('FALSE');
      expect(bag.values).toEqual({});
    });

    it('compiles every subject of an actor-less ability to FALSE', () => {
      const now = new Date('2025-03-15T12:00:00.000Z');
      const ability = defineAbilityFor(null, now);
      expect(ability.rules).toEqual([]);
      const subjects: readonly [AccessSubjectType, FieldMappings][] = [
        ['Case', caseSubject('c')],
        ...DATA_CATEGORIES.map((category): [AccessSubjectType, FieldMappings] => [
          category,
          categorySectionSubject(category, 'c'),
        ]),
        ...DATA_CATEGORIES.map((category): [AccessSubjectType, FieldMappings] => [
          category,
          categoryRowSubject('c', 'x.origin_org_id'),
        ]),
        ['Consent', consentSubject('k')],
        ['Referral', referralSubject('r')],
        ['AuditTrail', auditTrailSubject('a')],
      ];
      for (const action of ['read', 'list', 'manageConsents'] satisfies CaseAction[]) {
        for (const [subjectType, fields] of subjects) {
          const bag = new ParameterBag();
          expect(rulesToAST(ability, action, subjectType)).toBeNull();
          expect(compileAccessCondition(rulesToAST(ability, action, subjectType), fields, bag)).toBe('FALSE');
          expect(bag.values).toEqual({});
        }
      }

      const nobody = AccessScope.nobody();
      const bag = new ParameterBag();
      expect(nobody.readableCases('c', bag)).toBe('FALSE');
      expect(nobody.consentManageableCases('c', bag)).toBe('FALSE');
      expect(nobody.readableConsents('k', bag)).toBe('FALSE');
      for (const category of DATA_CATEGORIES) {
        expect(nobody.readableSection(category, 'c', bag)).toBe('(FALSE AND FALSE)');
        expect(nobody.readableRow(category, 'c', 'x.origin_org_id', bag)).toBe('(FALSE AND FALSE)');
      }
      expect(bag.values).toEqual({});
    });
  });

  describe('parameters', () => {
    it('hands out names unique within a query, across predicates and relation aliases', () => {
      const bag = new ParameterBag('scope');
      expect(bag.bind('a')).toBe(':scope_1');
      expect(bag.bindList(['b', 'c'])).toBe('(:...scope_2)');
      expect(bag.nextAlias('participants')).toBe('participants_3');
      expect(bag.bind('d')).toBe(':scope_4');
      expect(bag.values).toEqual({ scope_1: 'a', scope_2: ['b', 'c'], scope_4: 'd' });
    });

    it('never inlines a value: an organisation id crafted as SQL stays a parameter', async () => {
      const actor: AccessActor = {
        userId: INJECTION,
        organizationId: INJECTION,
        orgKind: 'MUNICIPALITY',
        role: 'CASE_WORKER',
      };
      const scope = AccessScope.for(actor, new Date('2025-03-15T12:00:00.000Z'));
      const bag = new ParameterBag();
      const predicates = [
        scope.readableCases('c', bag),
        scope.consentManageableCases('c', bag),
        ...DATA_CATEGORIES.map((category) => scope.readableSection(category, 'c', bag)),
        ...DATA_CATEGORIES.map((category) => scope.readableRow(category, 'c', 'c.origin_org_id', bag)),
        scope.readableConsents('k', bag),
      ];
      for (const predicate of predicates) {
        expect(predicate).not.toContain(INJECTION);
        expect(predicate).not.toContain("'");
      }
      const bound = Object.values(bag.values).flat();
      expect(bound).toContain(INJECTION);
      // Every :name in the SQL is a bound parameter, and nothing else looks like one.
      const names = new Set(
        predicates.flatMap((predicate) =>
          [...predicate.matchAll(/:(?:\.\.\.)?([A-Za-z0-9_]+)/g)].map((match) => match[1]),
        ),
      );
      expect([...names].sort()).toEqual(Object.keys(bag.values).sort());

      // PostgreSQL receives the text as a value, and refuses it as a uuid instead of running it.
      const [sql, parameters] = database.dataSource.driver.escapeQueryWithParameters(
        `SELECT c.id FROM case_file c WHERE ${predicates[0]}`,
        bag.values,
        {},
      );
      expect(sql).not.toContain(INJECTION);
      expect(parameters).toContain(INJECTION);
      await expect(database.query(sql, parameters)).rejects.toMatchObject({ driverError: { code: '22P02' } });
    });

    it('matches the crafted text only as a literal value', async () => {
      const { sql, bag, sqlIds } = await decide(when({ name: INJECTION }));
      expect(sql).toBe('p.name = :authz_1');
      expect(bag.values).toEqual({ authz_1: INJECTION });
      expect(sqlIds).toEqual([4]);
    });
  });
});

describe('factoring the rule tree before compiling', () => {
  const leaf = (field: string, value: string) => ({ operator: 'eq', field, value });
  const participates = {
    operator: 'elemMatch',
    field: 'participants',
    value: leaf('organizationId', 'org-1'),
  };
  const assignedToMe = leaf('assignee', 'me');
  const queued = { operator: 'not', value: [leaf('assignee', 'someone-of-my-org')] };

  it('takes the condition every branch shares out of the OR', () => {
    const tree = {
      operator: 'or',
      value: [
        { operator: 'and', value: [participates, assignedToMe] },
        { operator: 'and', value: [queued, participates] },
      ],
    };
    expect(factorCommonConditions(tree)).toEqual({
      operator: 'and',
      value: [participates, { operator: 'or', value: [assignedToMe, queued] }],
    });
  });

  it('reduces to the shared part when one branch is nothing more', () => {
    const tree = {
      operator: 'or',
      value: [participates, { operator: 'and', value: [participates, assignedToMe] }],
    };
    expect(factorCommonConditions(tree)).toEqual({ operator: 'and', value: [participates] });
  });

  it('leaves an OR without a shared part as it is, flattened', () => {
    const tree = {
      operator: 'or',
      value: [assignedToMe, { operator: 'or', value: [queued, participates] }],
    };
    expect(factorCommonConditions(tree)).toEqual({
      operator: 'or',
      value: [assignedToMe, queued, participates],
    });
  });
});
