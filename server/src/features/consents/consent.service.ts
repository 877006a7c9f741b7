import {
  PURPOSES_BY_PARTICIPANT_ROLE,
  consentRecipientRole,
  isUuid,
  recordConsentInputSchema,
  todayInAmsterdam,
  withdrawConsentInputSchema,
  type OrganizationKind,
} from '@vangnet/shared';
import type { ParameterBag } from '../../core/authz/casl-sql-compiler.js';
import {
  consentRecipientCandidate,
  consentRecipientSql,
  type ConsentRecipientRow,
} from '../../core/authz/partnership-sql.js';
import type { LockedCase, ScopedTransaction } from '../../core/db/gateway.js';
import { BadUserInputError, NotFoundError } from '../../core/errors.js';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../core/graphql/connection.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type {
  ConsentRegisterArgs,
  ConsentState,
  ConsentType,
  RecordConsentInput,
  WithdrawConsentInput,
} from './consent.types.js';

const MONTH_MS = 30.44 * 86_400_000;

/** Until when a consent given at `from` counts when nobody says otherwise: 12 months. */
export function defaultConsentValidUntil(from: Date): Date {
  return new Date(from.getTime() + 12 * MONTH_MS);
}

interface ConsentRow {
  id: string;
  case_id: string;
  case_reference: string;
  recipient_org_id: string;
  recipient_name: string;
  recipient_kind: OrganizationKind;
  purpose: ConsentType['purpose'];
  categories: string;
  valid_from: Date;
  valid_until: Date;
  channel: ConsentType['channel'];
  wording_version: string;
  wording_text: string;
  recorded_by_id: string;
  recorded_by_name: string;
  recorded_by_org_id: string;
  recorded_by_org_name: string;
  recorded_by_org_kind: OrganizationKind;
  recorded_at: Date;
  recorded_at_text: string;
  withdrawn_at: Date | null;
  withdrawn_by_id: string | null;
  withdrawn_by_name: string | null;
  withdrawal_channel: ConsentType['channel'] | null;
  tenant_id: string;
}

const CONSENT_SELECT = `k.id, k.case_id, cf.reference AS case_reference, k.recipient_org_id, ro.name AS recipient_name, ro.kind AS recipient_kind,
  k.purpose, k.categories::text AS categories, k.valid_from, k.valid_until, k.channel, k.wording_version, k.wording_text,
  k.recorded_by_id, ru.display_name AS recorded_by_name, k.recorded_by_org_id, rbo.name AS recorded_by_org_name, rbo.kind AS recorded_by_org_kind,
  k.recorded_at, k.recorded_at::text AS recorded_at_text, k.withdrawn_at, k.withdrawn_by_id, wu.display_name AS withdrawn_by_name,
  k.withdrawal_channel, k.tenant_id`;

const CONSENT_FROM = `consent k
  JOIN case_file cf ON cf.id = k.case_id
  JOIN organization ro ON ro.id = k.recipient_org_id
  JOIN organization rbo ON rbo.id = k.recorded_by_org_id
  JOIN app_user ru ON ru.id = k.recorded_by_id
  LEFT JOIN app_user wu ON wu.id = k.withdrawn_by_id`;

/** A recorded or withdrawn consent, with every case of its tenant (to announce the change in each). */
export interface ConsentChange {
  readonly consent: ConsentType;
  readonly tenantCases: readonly { id: string; version: number }[];
}

export class ConsentService {
  async recordConsent(context: RequestContext, input: RecordConsentInput): Promise<ConsentChange> {
    const actor = requireMembership(context);
    const consent = parseInput(context, recordConsentInputSchema(context.access.now), input);
    const validFrom = consent.validFrom ?? context.access.now;
    const validUntil = consent.validUntil ?? defaultConsentValidUntil(validFrom);

    const { consentId, tenantCases } = await context.db.transaction(async (tx) => {
      const locked = await tx.lockFor({ action: 'manageConsents', subject: 'Case' }, consent.caseId, {
        attempted: 'recordConsent',
      });
      const [recipient] = await tx.readLocked<ConsentRecipientRow>(
        locked,
        consentRecipientSql('$1', '$2', '$3', '$4::date'),
        [locked.id, actor.organizationId, consent.recipientOrgId, todayInAmsterdam(context.access.now)],
      );
      const role = recipient
        ? consentRecipientRole(consentRecipientCandidate(recipient), actor.organizationId)
        : null;
      if (!role) {
        throw new BadUserInputError(
          'Deze organisatie werkt niet aan dit dossier en deelt geen convenant met jouw organisatie.',
          {
            recipientOrgId: 'Kies een organisatie die aan het dossier werkt of waarnaar je kunt verwijzen.',
          },
        );
      }
      if (!PURPOSES_BY_PARTICIPANT_ROLE[role].includes(consent.purpose)) {
        throw new BadUserInputError(
          'Dit doel past niet bij de rol van deze organisatie in het dossier (doelbinding).',
          {
            purpose: `Kies een doel dat deze organisatie dient: ${PURPOSES_BY_PARTICIPANT_ROLE[role].join(', ')}.`,
          },
        );
      }
      const [inserted] = await tx.write<{ id: string }>(
        locked,
        `INSERT INTO consent (tenant_id, case_id, recipient_org_id, purpose, categories, valid_from, valid_until,
                              channel, wording_version, wording_text, recorded_by_id, recorded_by_org_id)
         VALUES ($1, $2, $3, $4::consent_purpose, $5::data_category[], $6, $7, $8::consent_channel, $9, $10, $11, $12)
         RETURNING id`,
        [
          locked.tenantId,
          locked.id,
          consent.recipientOrgId,
          consent.purpose,
          [...consent.categories],
          validFrom,
          validUntil,
          consent.channel,
          consent.wordingVersion,
          consent.wordingText,
          actor.userId,
          actor.organizationId,
        ],
      );
      const id = inserted!.id;
      await tx.audit({
        action: 'CREATE',
        entityType: 'consent',
        entityId: id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: consent.categories,
        basis: id,
        details: { recipientOrgId: consent.recipientOrgId, purpose: consent.purpose },
      });
      return { consentId: id, tenantCases: await this.casesOfSameTenant(tx, locked) };
    });
    return { consent: await this.loadOne(context, consentId), tenantCases };
  }

  async withdrawConsent(context: RequestContext, input: WithdrawConsentInput): Promise<ConsentChange> {
    requireMembership(context);
    const withdrawal = parseInput(context, withdrawConsentInputSchema, input);
    const tenantCases = await context.db.transaction(async (tx) => {
      const locked = await tx.lockFor({ action: 'withdraw', subject: 'Consent' }, withdrawal.consentId, {
        attempted: 'withdrawConsent',
        notFound: 'Toestemming',
      });
      // The lock found the consent, so it is there.
      const consent = (
        await tx.readLocked<{ id: string; case_id: string; tenant_id: string; withdrawn_at: Date | null }>(
          locked,
          `SELECT id, case_id, tenant_id, withdrawn_at FROM consent WHERE id = $1 AND case_id = $2`,
          [locked.rowId, locked.id],
        )
      )[0]!;
      if (consent.withdrawn_at)
        throw new BadUserInputError('Deze toestemming is al ingetrokken.', { consentId: 'Al ingetrokken.' });
      await tx.write(
        locked,
        `UPDATE consent SET withdrawn_at = $4, withdrawn_by_id = $2, withdrawal_channel = $3 WHERE id = $1 AND case_id = $5`,
        [consent.id, context.actor?.userId, withdrawal.channel, context.clock.now(), locked.id],
      );
      await tx.audit({
        action: 'UPDATE',
        entityType: 'consent',
        entityId: consent.id,
        caseId: consent.case_id,
        tenantId: consent.tenant_id,
        details: { withdrawn: true, channel: withdrawal.channel },
      });
      return this.casesOfSameTenant(tx, locked);
    });
    return { consent: await this.loadOne(context, withdrawal.consentId), tenantCases };
  }

  /** The consents of a case's tenant that my organisation gave or received, within a case I may see. */
  async consentsOfCase(context: RequestContext, caseId: string): Promise<ConsentType[]> {
    requireMembership(context);
    if (!isUuid(caseId)) throw new NotFoundError();
    const [visible] = await context.db.read<{ id: string; tenant_id: string }>(
      (bag) =>
        `SELECT c.id, c.tenant_id FROM case_file c WHERE c.id = :caseId AND ${context.access.readableCases('c', bag)}`,
      { caseId },
    );
    if (!visible) {
      context.readAudit.record({ action: 'ACCESS_DENIED', entityType: 'case', entityId: caseId });
      throw new NotFoundError();
    }
    const rows = await context.db.read<ConsentRow>(
      (bag) => `SELECT ${CONSENT_SELECT} FROM ${CONSENT_FROM}
        WHERE k.tenant_id = :tenantId AND ${context.access.readableConsents('k', bag)}
        ORDER BY k.recorded_at DESC, k.id DESC`,
      { tenantId: visible.tenant_id },
    );
    if (rows.length > 0) {
      context.readAudit.record({
        action: 'READ',
        entityType: 'consent',
        caseId,
        tenantId: visible.tenant_id,
        details: { consents: rows.map((row) => row.id) },
      });
    }
    return rows.map((row) => toConsent(row, context.access.now));
  }

  /**
   * Every case of the locked case's tenant (ids and versions only), for announcing the consent change:
   * read under the lock because it must include cases the actor cannot see (the consent is the
   * tenant's, so it changes what other organisations may read there), and these ids reach no user.
   */
  private casesOfSameTenant(
    tx: ScopedTransaction,
    locked: LockedCase,
  ): Promise<{ id: string; version: number }[]> {
    return tx.readLocked<{ id: string; version: number }>(
      locked,
      `SELECT o.id, o.version FROM case_file c JOIN case_file o ON o.tenant_id = c.tenant_id WHERE c.id = $1`,
      [locked.id],
    );
  }

  /** The organisation-wide consent register of the privacy officer. */
  async consentRegister(
    context: RequestContext,
    args: ConsentRegisterArgs,
  ): Promise<Connection<ConsentType>> {
    requireMembership(context);
    const limit = pageSize(args);
    const parameters: Record<string, unknown> = { now: context.access.now.toISOString() };
    const conditions = (bag: ParameterBag) => [context.access.listableConsents('k', bag), ...filters];
    const filters: string[] = [];
    const state = args.filter?.state;
    if (state === 'WITHDRAWN') filters.push('k.withdrawn_at IS NOT NULL');
    if (state === 'EXPIRED') filters.push('k.withdrawn_at IS NULL AND k.valid_until <= :now');
    if (state === 'NOT_YET_VALID') filters.push('k.withdrawn_at IS NULL AND k.valid_from > :now');
    if (state === 'ACTIVE')
      filters.push('k.withdrawn_at IS NULL AND k.valid_from <= :now AND k.valid_until > :now');
    if (args.filter?.caseReference) {
      filters.push(`cf.reference LIKE :reference ESCAPE '\\'`);
      parameters.reference = `${args.filter.caseReference
        .trim()
        .toUpperCase()
        .replace(/[\\%_]/g, '\\$&')}%`;
    }
    const caseId = args.filter?.caseId;
    if (caseId) {
      // A malformed id names no case: an empty register, like an unknown one.
      filters.push(isUuid(caseId) ? 'k.case_id = :caseId' : 'false');
      parameters.caseId = caseId;
    }
    const where = (bag: ParameterBag) => conditions(bag).join(' AND ');
    const [count] = await context.db.read<{ total: number }>(
      (bag) => `SELECT count(*)::int AS total FROM ${CONSENT_FROM} WHERE ${where(bag)}`,
      parameters,
    );
    let after = '';
    if (args.after) {
      const [recordedAt, id] = decodeCursor(args.after).split('|');
      if (!recordedAt || !id || !isUuid(id))
        throw new BadUserInputError('Ongeldige cursor.', { after: 'Deze cursor is ongeldig.' });
      after = ' AND (k.recorded_at, k.id) < (CAST(:afterRecordedAt AS timestamptz), CAST(:afterId AS uuid))';
      parameters.afterRecordedAt = recordedAt;
      parameters.afterId = id;
    }
    const rows = await context.db.read<ConsentRow>(
      (bag) =>
        `SELECT ${CONSENT_SELECT} FROM ${CONSENT_FROM} WHERE ${where(bag)}${after} ORDER BY k.recorded_at DESC, k.id DESC LIMIT ${limit + 1}`,
      parameters,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      edges: page.map((row) => ({
        cursor: encodeCursor(`${row.recorded_at_text}|${row.id}`),
        node: toConsent(row, context.access.now),
      })),
      pageInfo: {
        hasNextPage: rows.length > limit,
        endCursor: last ? encodeCursor(`${last.recorded_at_text}|${last.id}`) : null,
      },
      totalCount: count?.total ?? 0,
      totalCountCapped: false,
    };
  }

  /**
   * A consent after its write, read back under the rule: the writer may read it (the lock required
   * that for a withdrawal; a recording organisation reads what it recorded).
   */
  private async loadOne(context: RequestContext, id: string): Promise<ConsentType> {
    const [row] = await context.db.read<ConsentRow>(
      (bag) =>
        `SELECT ${CONSENT_SELECT} FROM ${CONSENT_FROM} WHERE k.id = :id AND ${context.access.readableConsents('k', bag)}`,
      { id },
    );
    if (!row) throw new NotFoundError('Toestemming');
    return toConsent(row, context.clock.now());
  }
}

export function consentState(
  row: { withdrawn_at: Date | null; valid_from: Date; valid_until: Date },
  now: Date,
): ConsentState {
  if (row.withdrawn_at) return 'WITHDRAWN';
  if (row.valid_until <= now) return 'EXPIRED';
  if (row.valid_from > now) return 'NOT_YET_VALID';
  return 'ACTIVE';
}

function toConsent(row: ConsentRow, now: Date): ConsentType {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.case_reference,
    tenantId: row.tenant_id,
    recipient: { id: row.recipient_org_id, name: row.recipient_name, kind: row.recipient_kind },
    purpose: row.purpose,
    categories: row.categories
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean) as ConsentType['categories'],
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    state: consentState(row, now),
    channel: row.channel,
    wordingVersion: row.wording_version,
    wordingText: row.wording_text,
    recordedBy: { id: row.recorded_by_id, displayName: row.recorded_by_name },
    recordedByOrganization: {
      id: row.recorded_by_org_id,
      name: row.recorded_by_org_name,
      kind: row.recorded_by_org_kind,
    },
    recordedAt: row.recorded_at,
    withdrawnAt: row.withdrawn_at,
    withdrawnBy:
      row.withdrawn_by_id && row.withdrawn_by_name
        ? { id: row.withdrawn_by_id, displayName: row.withdrawn_by_name }
        : null,
    withdrawalChannel: row.withdrawal_channel,
  };
}
