import type { DataCategory } from '@vangnet/shared';
import {
  AccessCompileError,
  type ColumnMapping,
  type FieldMappings,
  type RelationMapping,
} from './casl-sql-compiler.js';

const column = (sql: string, arrayOf?: string): ColumnMapping =>
  arrayOf ? { kind: 'column', sql, arrayOf } : { kind: 'column', sql };

/** The relations every case-scoped subject shares, linked through the case id and the case's tenant. */
function caseRelations(caseIdSql: string, tenantIdSql: string): FieldMappings {
  return {
    participants: {
      kind: 'relation',
      table: 'case_participant',
      link: (alias) => `${alias}.case_id = ${caseIdSql}`,
      fields: (alias) => ({
        organizationId: column(`${alias}.organization_id`),
        role: column(`${alias}.role`),
      }),
    },
    assignees: {
      kind: 'relation',
      table: 'case_assignee',
      link: (alias) => `${alias}.case_id = ${caseIdSql}`,
      fields: (alias) => ({
        organizationId: column(`${alias}.organization_id`),
        userId: column(`${alias}.user_id`),
      }),
    },
    // A consent belongs to the tenant: it counts for every case of that tenant.
    consents: {
      kind: 'relation',
      table: 'consent',
      link: (alias) => `${alias}.tenant_id = ${tenantIdSql}`,
      fields: (alias) => ({
        recipientOrgId: column(`${alias}.recipient_org_id`),
        categories: column(`${alias}.categories`, 'data_category'),
        purpose: column(`${alias}.purpose`),
        validFrom: column(`${alias}.valid_from`),
        validUntil: column(`${alias}.valid_until`),
        withdrawnAt: column(`${alias}.withdrawn_at`),
      }),
    },
    signals: {
      kind: 'relation',
      table: 'signal',
      link: (alias) => `${alias}.case_id = ${caseIdSql}`,
      fields: (alias) => ({ recipientOrgId: column(`${alias}.recipient_org_id`) }),
    },
  };
}

/** The subject 'Case' on a case_file row. */
export function caseSubject(caseAlias: string): FieldMappings {
  return { id: column(`${caseAlias}.id`), ...caseRelations(`${caseAlias}.id`, `${caseAlias}.tenant_id`) };
}

/**
 * Where each category's data lives, and how a row links to its case: the registry behind "some data of
 * this category in this case was created by organisation X". A category without tables here simply has
 * no data.
 */
export const CATEGORY_SOURCES: Readonly<
  Record<DataCategory, readonly { table: string; link: (alias: string, caseAlias: string) => string }[]>
> = {
  CONTACT: [{ table: 'tenant', link: (alias, caseAlias) => `${alias}.id = ${caseAlias}.tenant_id` }],
  ARREARS: [
    { table: 'arrears', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
    { table: 'arrears_change', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
    { table: 'collection_step', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
    { table: 'collection_pause', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
  ],
  HOUSEHOLD: [
    { table: 'household', link: (alias, caseAlias) => `${alias}.tenant_id = ${caseAlias}.tenant_id` },
  ],
  INCOME_EXPENSES: [
    { table: 'income_expense_item', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
  ],
  DEBTS: [{ table: 'debt', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` }],
  CASE_NOTES: [{ table: 'case_note', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` }],
  ACTION_PLAN: [
    { table: 'action_plan', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
    { table: 'action_plan_goal', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
    { table: 'action_item', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
    { table: 'action_plan_condition', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
    { table: 'action_item_comment', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
  ],
  ARRANGEMENT: [
    { table: 'payment_arrangement', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
    { table: 'instalment', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
    { table: 'arrangement_milestone', link: (alias, caseAlias) => `${alias}.case_id = ${caseAlias}.id` },
  ],
  SPECIAL: [
    {
      table: 'household',
      link: (alias, caseAlias) =>
        `${alias}.tenant_id = ${caseAlias}.tenant_id AND ${alias}.vulnerability_notes IS NOT NULL`,
    },
  ],
};

/**
 * The subject <category> for a whole case section: `originOrgId` means "this organisation created
 * some of this category's data in the case".
 */
export function categorySectionSubject(category: DataCategory, caseAlias: string): FieldMappings {
  return {
    ...caseSubject(caseAlias),
    // A consent for CASE_NOTES opens the section; which notes show is decided per row (visibility).
    visibility: {
      kind: 'custom',
      compile: (operator, value) => {
        if (operator !== 'eq' || value !== 'SHARED')
          throw new AccessCompileError(`visibility only supports eq SHARED, not ${operator}`);
        return 'TRUE';
      },
    },
    originOrgId: {
      kind: 'custom',
      compile: (operator, value, bind) => {
        if (operator !== 'eq' || typeof value !== 'string') {
          throw new AccessCompileError(
            `originOrgId only supports eq with an organisation id, not ${operator}`,
          );
        }
        const sources = CATEGORY_SOURCES[category];
        if (sources.length === 0) return 'FALSE';
        const organization = bind(value);
        return `(${sources
          .map(({ table, link }, index) => {
            const alias = `origin_${table}_${index}`;
            return `EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${link(alias, caseAlias)} AND ${alias}.origin_org_id = ${organization})`;
          })
          .join(' OR ')})`;
      },
    },
  };
}

/**
 * One ground of the rule for <category> on a whole case section, on its own: the subject as
 * categorySectionSubject maps it, in a world where the section has only that ground — one consent of the
 * tenant (`consentIdSql`, its id), or the signals the case received. Everything else the rule could rest on
 * is absent there: no data of the category created by anyone, no other consent, no signal. Relations are
 * narrowed in their link (never replaced by a constant), so a negated condition means "none" exactly as
 * CASL reads an empty list. Used to explain a decision from the same compiled rule that made it.
 */
export function categoryGroundSubject(
  category: DataCategory,
  caseAlias: string,
  ground: { readonly consentIdSql: string } | 'SIGNAL',
): FieldMappings {
  const relations = caseRelations(`${caseAlias}.id`, `${caseAlias}.tenant_id`);
  const relation = (name: 'consents' | 'signals'): RelationMapping => {
    const mapping = relations[name];
    if (mapping?.kind !== 'relation') throw new AccessCompileError(`${name} is not a relation`);
    return mapping;
  };
  const consents = relation('consents');
  const signals = relation('signals');
  const none = (): string => 'FALSE';
  return {
    ...categorySectionSubject(category, caseAlias),
    originOrgId: {
      kind: 'custom',
      compile: (operator) => {
        if (operator !== 'eq') throw new AccessCompileError(`originOrgId only supports eq, not ${operator}`);
        return 'FALSE';
      },
    },
    consents:
      ground === 'SIGNAL'
        ? { ...consents, link: none }
        : {
            ...consents,
            link: (alias) =>
              `${alias}.id = ${ground.consentIdSql} AND ${alias}.tenant_id = ${caseAlias}.tenant_id`,
          },
    signals: ground === 'SIGNAL' ? signals : { ...signals, link: none },
  };
}

/**
 * The subject <category> for one data row, joined to its case. `visibilitySql` is the row's visibility
 * column for case notes; rows of other categories have none, and a rule that asks for it denies them.
 */
export function categoryRowSubject(
  caseAlias: string,
  originSql: string,
  visibilitySql?: string,
): FieldMappings {
  return {
    ...caseSubject(caseAlias),
    originOrgId: column(originSql),
    visibility: visibilitySql ? column(visibilitySql) : { kind: 'custom', compile: () => 'FALSE' },
  };
}

export function consentSubject(consentAlias: string): FieldMappings {
  return {
    recipientOrgId: column(`${consentAlias}.recipient_org_id`),
    recordedByOrgId: column(`${consentAlias}.recorded_by_org_id`),
  };
}

export function referralSubject(referralAlias: string): FieldMappings {
  return { fromOrgId: column(`${referralAlias}.from_org_id`), toOrgId: column(`${referralAlias}.to_org_id`) };
}

export function participantSubject(participantAlias: string): FieldMappings {
  return {
    organizationId: column(`${participantAlias}.organization_id`),
    role: column(`${participantAlias}.role`),
  };
}

export function signalSubject(signalAlias: string): FieldMappings {
  return {
    senderOrgId: column(`${signalAlias}.sender_org_id`),
    recipientOrgId: column(`${signalAlias}.recipient_org_id`),
  };
}

/** The subject 'AuditTrail' on an audit_event row; `caseParticipants` are those of the case it names. */
export function auditTrailSubject(auditAlias: string): FieldMappings {
  return {
    actorOrgId: column(`${auditAlias}.actor_org_id`),
    action: column(`${auditAlias}.action`),
    caseParticipants: {
      kind: 'relation',
      table: 'case_participant',
      link: (alias) => `${alias}.case_id = ${auditAlias}.case_id`,
      fields: (alias) => ({ organizationId: column(`${alias}.organization_id`) }),
    },
  };
}

/**
 * The subject 'Monitoring' on a row of the dashboard's facts (retention/case-facts.ts): the corporation
 * that sent the signal, the municipality that received it, and the participants of its case (none for a
 * statistic kept after retention: it has no case).
 */
export function monitoringSubject(factsAlias: string): FieldMappings {
  return {
    corporationId: column(`${factsAlias}.corporation_id`),
    municipalityOrgId: column(`${factsAlias}.municipality_org_id`),
    participants: {
      kind: 'relation',
      table: 'case_participant',
      link: (alias) => `${alias}.case_id = ${factsAlias}.case_id`,
      fields: (alias) => ({ organizationId: column(`${alias}.organization_id`) }),
    },
  };
}
