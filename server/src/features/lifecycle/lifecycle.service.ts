import {
  allowedNextStatuses,
  BASIS_ORIGIN,
  CASE_STATUS_LABELS_NL,
  coarseStatusOf,
  compareCalendarDates,
  findTransition,
  INPUT_PRECONDITIONS,
  invalidTransitionMessage,
  mayFireTransition,
  recordFirstConversationInputSchema,
  todayInAmsterdam,
  toCalendarDate,
  transitionCaseInputSchema,
  unmetPreconditions,
  type FieldIssue,
  type CaseStatus,
  type CaseTransition,
  type MembershipRole,
  type OrganizationKind,
  type TransitionOperation,
  type TransitionPrecondition,
} from '@vangnet/shared';
import { recordRowsRead, type CaseRef } from '../../core/authz/section-access.js';
import type { LockedCase, ScopedTransaction } from '../../core/db/gateway.js';
import {
  AppError,
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '../../core/errors.js';
import { inputRefused, localeOf, parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import { startAutomaticCollectionPause } from '../arrears/index.js';
import type { CaseService, CaseType } from '../cases/index.js';
import type {
  CaseIntakeType,
  CaseTimelineEntryType,
  RecordFirstConversationInput,
  TransitionCaseInput,
} from './lifecycle.types.js';
import { moveLockedCase } from './move-case.js';

const KIND_NL: Record<OrganizationKind, string> = {
  HOUSING_CORPORATION: 'de woningcorporatie',
  MUNICIPALITY: 'de gemeente',
  DEBT_COUNSELLING: 'de schuldhulporganisatie',
};
const ROLE_NL: Record<MembershipRole, string> = {
  CASE_WORKER: 'medewerker',
  DEBT_COUNSELLOR: 'schuldhulpverlener',
  TEAM_LEAD: 'teamleider',
  PRIVACY_OFFICER: 'privacy officer',
  ORG_ADMIN: 'beheerder',
};
const OPERATION_NL: Record<TransitionOperation, string> = {
  sendSignal: 'door het vroegsignaal te versturen (sendSignal)',
  referCase: 'door het dossier te verwijzen (referCase)',
};
const PRECONDITION_NL: Record<TransitionPrecondition, string> = {
  EXIT_REASON: 'Kies de reden waarom het dossier wordt afgesloten.',
  SOLUTION_KIND: 'Kies de oplossing: betalingsregeling, schuldregeling, Wsnp of herfinanciering.',
  FIRST_CONVERSATION:
    'Leg eerst het eerste gesprek vast (recordFirstConversation); pas daarna beslist de gemeente over toegang.',
  SIGNAL_END_RESULT:
    'Leg eerst het eindresultaat van het vroegsignaal vast (recordSignalEndResult); pas daarna kan het dossier dicht.',
};

const label = (status: CaseStatus): string => CASE_STATUS_LABELS_NL[status];
const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} of ${items[items.length - 1]}`;

/** "de gemeente (schuldhulpverlener of teamleider)" */
function whoMay(transition: CaseTransition): string {
  return `${orList(transition.by.orgKinds.map((kind) => KIND_NL[kind]))} (${orList(transition.by.roles.map((role) => ROLE_NL[role]))})`;
}

function invalidTransition(from: CaseStatus, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_TRANSITION', message, {
    currentStatus: from,
    allowedNextStatuses: allowedNextStatuses(from),
    ...extra,
  });
}

interface TimelineRow {
  id: string;
  case_id: string;
  from_status: CaseStatus;
  to_status: CaseStatus;
  via: string;
  note: string | null;
  occurred_at: Date;
  by_user_id: string | null;
  by_user_name: string | null;
  by_org_id: string | null;
  by_org_name: string | null;
  by_org_kind: OrganizationKind | null;
}

interface LifecycleFactsRow {
  id: string;
  version: number;
  help_requested_at: Date | null;
  first_conversation_at: Date | null;
  solution_kind: CaseIntakeType['solutionKind'];
  exit_reason: CaseIntakeType['exitReason'];
}

/**
 * The case lifecycle of docs/product.md §2: transitionCase moves a case along the table in @vangnet/shared
 * (who may fire each move, its preconditions), the first conversation of the intake, and the case's
 * timeline and lifecycle facts as field resolvers.
 */
export class LifecycleService {
  constructor(private readonly cases: CaseService) {}

  async transitionCase(context: RequestContext, input: TransitionCaseInput): Promise<CaseType> {
    const actor = requireMembership(context);
    const move = parseInput(context, transitionCaseInputSchema, input);
    const { note } = move;

    await context.db.transaction(async (tx) => {
      const locked = await tx.lockFor({ action: 'transition', subject: 'Case' }, move.caseId, {
        attempted: 'transitionCase',
        forbiddenWhenVisible: 'Je kunt de fase van dit dossier niet wijzigen.',
      });
      const corporation = actor.orgKind === 'HOUSING_CORPORATION';
      if (locked.version !== move.expectedVersion) {
        throw new ConflictError(
          'Het dossier is intussen gewijzigd. Bekijk de nieuwe stand en probeer het opnieuw.',
          {
            version: locked.version,
            status: corporation ? null : locked.status,
            coarseStatus: coarseStatusOf(locked.status),
          },
        );
      }
      const from = locked.status;
      // A corporation sees only the coarse status; it is told nothing in terms it may not see. It fires
      // no move after the signal through transitionCase anyway (the table), so the answer is the same.
      if (corporation && coarseStatusOf(from) !== from) {
        throw new ForbiddenError(
          'Na het vroegsignaal zetten de gemeente en de schuldhulpverlening het dossier in een volgende fase.',
        );
      }
      const transition = findTransition(from, move.to);
      if (!transition) throw invalidTransition(from, invalidTransitionMessage(from));
      if (transition.via) {
        throw invalidTransition(
          from,
          `Van '${label(from)}' naar '${label(move.to)}' gaat alleen ${OPERATION_NL[transition.via]}.`,
          { requiredOperation: transition.via },
        );
      }
      if (!mayFireTransition(transition, actor)) {
        throw new ForbiddenError(
          `Van '${label(from)}' naar '${label(move.to)}' zet alleen ${whoMay(transition)} het dossier.`,
        );
      }
      const unmet = unmetPreconditions(transition, {
        exitReason: move.exitReason,
        solutionKind: move.solutionKind,
        firstConversationAt: locked.firstConversationAt,
        signalWithoutEndResult: transition.requires?.includes('SIGNAL_END_RESULT')
          ? await this.hasSignalWithoutEndResult(tx, locked)
          : false,
      });
      const missing = unmet.flatMap((precondition): FieldIssue[] => {
        const field = INPUT_PRECONDITIONS[precondition];
        return field ? [{ field, code: 'REQUIRED', params: {} }] : [];
      });
      if (missing.length > 0) throw inputRefused(missing, localeOf(context));
      const stateUnmet = unmet.filter((precondition) => !INPUT_PRECONDITIONS[precondition]);
      if (stateUnmet.length > 0) {
        throw invalidTransition(
          from,
          `Van '${label(from)}' naar '${label(move.to)}' kan nog niet. ${stateUnmet.map((precondition) => PRECONDITION_NL[precondition]).join(' ')}`,
          { unmetPreconditions: stateUnmet },
        );
      }
      const moved = await moveLockedCase(tx, locked, context, {
        from,
        to: move.to,
        via: 'transitionCase',
        note,
        expectedVersion: move.expectedVersion,
        exitReason: move.exitReason,
        solutionKind: move.solutionKind,
      });
      if (!moved) throw new Error(`case ${locked.id} changed while locked`);
      // Admission to debt help starts the automatic collection pause (docs/product.md §2, NVVK pauzeknop).
      if (move.to === 'ADMITTED') {
        await startAutomaticCollectionPause(tx, locked, actor.organizationId, context.access.now);
      }
    });
    return this.cases.getCase(context, move.caseId);
  }

  /** The first conversation after the help request (Wgs art. 4): starts the access-decision clock. */
  async recordFirstConversation(
    context: RequestContext,
    input: RecordFirstConversationInput,
  ): Promise<CaseType> {
    requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const { caseId, heldOn } = parseInput(context, recordFirstConversationInputSchema(today), input);

    await context.db.transaction(async (tx) => {
      const locked = await tx.lockFor({ action: 'workSignal', subject: 'Case' }, caseId, {
        attempted: 'recordFirstConversation',
        forbiddenWhenVisible: 'Dit doet de gemeente die het vroegsignaal of de verwijzing heeft ontvangen.',
      });
      if (locked.status !== 'INTAKE' || !locked.helpRequestedAt) {
        throw new BadUserInputError(
          "Het eerste gesprek hoort bij de intake: zet het dossier eerst op 'Intake' (de hulpvraag).",
          { caseId: `Het dossier staat op '${label(locked.status)}'.` },
        );
      }
      const requestedOn = toCalendarDate(locked.helpRequestedAt);
      if (compareCalendarDates(heldOn, requestedOn) < 0) {
        throw inputRefused(
          [
            {
              field: 'heldOn',
              code: 'DATE_BEFORE_OTHER',
              params: { min: requestedOn, other: 'helpRequestedAt' },
            },
          ],
          localeOf(context),
        );
      }
      await tx.write(
        locked,
        `UPDATE case_file
            SET first_conversation_at = ($2::date)::timestamp AT TIME ZONE 'Europe/Amsterdam',
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [locked.id, heldOn],
      );
      await tx.audit({
        action: 'UPDATE',
        entityType: 'case',
        entityId: locked.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        basis: BASIS_ORIGIN,
        details: {
          firstConversationOn: heldOn,
          previous: locked.firstConversationAt ? toCalendarDate(locked.firstConversationAt) : null,
        },
      });
    });
    return this.cases.getCase(context, caseId);
  }

  /** The case's moves, oldest first; for a housing corporation only the moves of the coarse status. */
  async timeline(context: RequestContext, ref: CaseRef): Promise<CaseTimelineEntryType[]> {
    const membership = requireMembership(context);
    const rows = await context.loaders
      .get('case-timeline', async (caseIds) => {
        const found = await context.db.read<TimelineRow>(
          (bag) => `SELECT t.id, t.case_id, t.from_status, t.to_status, t.via, t.occurred_at,
                  CASE WHEN ${context.access.readableRow('CASE_NOTES', 'c', 't.by_org_id', bag)} THEN t.note END AS note,
                  t.by_user_id, u.display_name AS by_user_name, t.by_org_id, o.name AS by_org_name, o.kind AS by_org_kind
             FROM case_transition t
             JOIN case_file c ON c.id = t.case_id
             LEFT JOIN app_user u ON u.id = t.by_user_id
             LEFT JOIN organization o ON o.id = t.by_org_id
            WHERE t.case_id IN (:...caseIds) AND ${context.access.readableCases('c', bag)}
            ORDER BY t.occurred_at, t.id`,
          { caseIds: [...caseIds] },
        );
        return caseIds.map((id) => found.filter((row) => row.case_id === id));
      })
      .load(ref.id);

    const corporation = membership.orgKind === 'HOUSING_CORPORATION';
    await recordRowsRead(
      context,
      ref,
      'CASE_NOTES',
      'case-timeline',
      rows.flatMap((row) => (row.note !== null ? [row.by_org_id] : [])),
    );
    return rows
      .filter((row) => !corporation || coarseStatusOf(row.from_status) !== coarseStatusOf(row.to_status))
      .map((row) => ({
        id: row.id,
        occurredAt: row.occurred_at,
        fromStatus: corporation ? null : row.from_status,
        toStatus: corporation ? null : row.to_status,
        fromCoarseStatus: coarseStatusOf(row.from_status),
        toCoarseStatus: coarseStatusOf(row.to_status),
        via: row.via,
        note: row.note,
        by:
          row.by_user_id && row.by_user_name && row.by_org_id === membership.organizationId
            ? { id: row.by_user_id, displayName: row.by_user_name }
            : null,
        // A corporation is not told that a debt-counselling organisation is involved (as in Case.participants).
        organization:
          row.by_org_id &&
          row.by_org_name &&
          row.by_org_kind &&
          !(corporation && row.by_org_kind === 'DEBT_COUNSELLING')
            ? { id: row.by_org_id, name: row.by_org_name, kind: row.by_org_kind }
            : null,
      }));
  }

  /** The case's version (what transitionCase expects back). */
  async version(context: RequestContext, caseId: string): Promise<number> {
    const facts = await this.facts(context, caseId);
    if (!facts) throw new NotFoundError();
    return facts.version;
  }

  /** Help request, first conversation, solution and exit reason; null for a housing corporation. */
  async intake(context: RequestContext, caseId: string): Promise<CaseIntakeType | null> {
    const membership = requireMembership(context);
    if (membership.orgKind === 'HOUSING_CORPORATION') return null;
    const facts = await this.facts(context, caseId);
    if (!facts) return null;
    return {
      helpRequestedAt: facts.help_requested_at,
      firstConversationAt: facts.first_conversation_at,
      solutionKind: facts.solution_kind,
      exitReason: facts.exit_reason,
    };
  }

  private facts(context: RequestContext, caseId: string): Promise<LifecycleFactsRow | null> {
    return context.loaders
      .get('case-lifecycle-facts', async (caseIds) => {
        const rows = await context.db.read<LifecycleFactsRow>(
          (
            bag,
          ) => `SELECT c.id, c.version, c.help_requested_at, c.first_conversation_at, c.solution_kind, c.exit_reason
             FROM case_file c
            WHERE c.id IN (:...caseIds) AND ${context.access.readableCases('c', bag)}`,
          { caseIds: [...caseIds] },
        );
        return caseIds.map((id) => rows.find((row) => row.id === id) ?? null);
      })
      .load(caseId);
  }

  private async hasSignalWithoutEndResult(tx: ScopedTransaction, locked: LockedCase): Promise<boolean> {
    const [row] = await tx.readLocked<{ open: boolean }>(
      locked,
      `SELECT EXISTS (SELECT 1 FROM signal WHERE case_id = $1 AND end_result IS NULL) AS open`,
      [locked.id],
    );
    return row?.open === true;
  }
}
