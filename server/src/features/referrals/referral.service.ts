import {
  findTransition,
  mayFireTransition,
  referCaseInputSchema,
  referralRespondBy,
  respondToReferralInputSchema,
  withdrawReferralInputSchema,
  todayInAmsterdam,
  ROLE_BY_KIND,
  type OrganizationKind,
  type ParticipantRole,
  type ReferralStatus,
} from '@vangnet/shared';
import { validAgreementsOf } from '../../core/authz/partnership-sql.js';
import type { LockedCase, ScopedTransaction } from '../../core/db/gateway.js';
import { BadUserInputError, NotFoundError } from '../../core/errors.js';
import { inputRefused, localeOf, parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type ActingMembership, type RequestContext } from '../../core/request-context.js';
import type { ReferralType } from '../cases/index.js';
import { moveLockedCase } from '../lifecycle/index.js';
import { joinAsRecipient, leaveUnlessStillInvolved } from './referral-participation.js';
import type { ReferCaseInput, RespondToReferralInput, WithdrawReferralInput } from './referral.types.js';

export const REFERRAL_STATUS_NL: Readonly<Record<ReferralStatus, string>> = {
  PENDING: 'nog open',
  ACCEPTED: 'al geaccepteerd',
  DECLINED: 'al afgewezen',
  WITHDRAWN: 'al ingetrokken',
  EXPIRED: 'al verlopen',
};
const ROLE_NL: Readonly<Record<ParticipantRole, string>> = {
  REFERRER: 'verwijzer (woningcorporatie)',
  MUNICIPALITY: 'gemeente',
  DEBT_COUNSELLING: 'schuldhulpverlening',
};

interface ReferralViewRow {
  id: string;
  from_org_id: string;
  from_name: string;
  from_kind: OrganizationKind;
  to_org_id: string;
  to_name: string;
  to_kind: OrganizationKind;
  to_role: ParticipantRole;
  status: ReferralStatus;
  message: string;
  respond_by: string;
  responded_at: Date | null;
  decline_reason: string | null;
  created_at: Date;
}

/** A referral locked for an answer or a withdrawal; `locked` is its case (id, tenant, status). */
interface LockedReferral {
  locked: LockedCase;
  id: string;
  from_org_id: string;
  to_org_id: string;
  to_role: ParticipantRole;
  status: ReferralStatus;
  respond_by: string;
}

/**
 * Referrals (verwijzingen), closed loop (docs/product.md §2): sent along an active agreement, answered by the
 * recipient, withdrawn by the sender, expired by the scheduler. The referrer always sees the status
 * (Case.referrals).
 *
 * Decisions where the product rules are silent:
 * - the role a recipient is referred as must fit its kind (a corporation as REFERRER, a municipality as
 *   MUNICIPALITY, a debt-counselling organisation as DEBT_COUNSELLING), so a referral cannot widen the
 *   purposes (doelbinding) an organisation serves;
 * - referring moves a PRE_SIGNAL or SIGNALLED case to REFERRED when the lifecycle table lets the sender
 *   make that move (PRE_SIGNAL: the corporation; SIGNALLED: any case handler);
 * - accepting a referral of a REFERRED case moves it to IN_CONTACT when the table lets the recipient
 *   make that move (the municipality or debt counselling): taking the referral on is taking up contact,
 *   and the referring corporation sees the loop close (coarse status "in progress");
 * - declining, withdrawing and expiry leave the case status alone, and the recipient leaves the case
 *   unless it has another reason to be there (see leaveUnlessStillInvolved).
 */
export class ReferralService {
  async referCase(context: RequestContext, input: ReferCaseInput): Promise<ReferralType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const { caseId, toOrgId, toRole, message, respondBy } = parseInput(
      context,
      referCaseInputSchema(today),
      input,
    );
    if (toOrgId === actor.organizationId)
      throw inputRefused([{ field: 'toOrgId', code: 'OWN_ORGANIZATION', params: {} }], localeOf(context));

    return context.db.transaction(async (tx) => {
      const locked = await tx.lockFor({ action: 'refer', subject: 'Case' }, caseId, {
        attempted: 'referCase',
        forbiddenWhenVisible: 'Je kunt dit dossier niet verwijzen.',
      });
      if (locked.status === 'CLOSED') {
        throw new BadUserInputError('Een afgesloten dossier kun je niet meer verwijzen.', {
          caseId: 'Het dossier is afgesloten.',
        });
      }
      const [recipient] = await tx.readLocked<{
        kind: OrganizationKind;
        participant_role: ParticipantRole | null;
        agreement_id: string | null;
        respond_within: number | null;
        pending: boolean;
      }>(
        locked,
        `SELECT o.kind,
                (SELECT p.role FROM case_participant p WHERE p.case_id = $1 AND p.organization_id = o.id) AS participant_role,
                d.agreement_id, d.respond_within,
                EXISTS (SELECT 1 FROM referral r WHERE r.case_id = $1 AND r.to_org_id = o.id AND r.status = 'PENDING') AS pending
           FROM organization o
           LEFT JOIN LATERAL (
             SELECT a.agreement_id, a.respond_within
               FROM (${validAgreementsOf('$2', '$4::date')}) a
              WHERE a.partner_id = o.id
              ORDER BY a.valid_from DESC, a.agreement_id
              LIMIT 1
           ) d ON TRUE
          WHERE o.id = $3`,
        [locked.id, actor.organizationId, toOrgId, today],
      );
      if (!recipient?.agreement_id || recipient.respond_within === null) {
        throw inputRefused([{ field: 'toOrgId', code: 'NO_AGREEMENT', params: {} }], localeOf(context));
      }
      const fitting = ROLE_BY_KIND[recipient.kind];
      if (toRole !== fitting || (recipient.participant_role && recipient.participant_role !== toRole)) {
        throw new BadUserInputError('Deze rol past niet bij de organisatie.', {
          toRole: `Deze organisatie kan alleen verwezen worden als ${ROLE_NL[recipient.participant_role ?? fitting]}.`,
        });
      }
      if (recipient.pending) {
        throw new BadUserInputError('Er staat al een verwijzing naar deze organisatie open.', {
          toOrgId: 'Wacht op het antwoord op de open verwijzing, of trek die eerst in.',
        });
      }
      const due =
        respondBy ?? referralRespondBy(today, { referralRespondWithinWorkingDays: recipient.respond_within });
      const [created] = await tx.write<{ id: string }>(
        locked,
        `INSERT INTO referral (case_id, from_org_id, to_org_id, to_role, status, message, respond_by, created_by_id)
         VALUES ($1, $2, $3, $4, 'PENDING', $5, $6::date, $7) RETURNING id`,
        [locked.id, actor.organizationId, toOrgId, toRole, message, due, actor.userId],
      );
      const referralId = created!.id;
      const joined = await joinAsRecipient(tx, locked, toOrgId, toRole);
      await tx.audit({
        action: 'CREATE',
        entityType: 'referral',
        entityId: referralId,
        caseId: locked.id,
        tenantId: locked.tenantId,
        details: {
          toOrgId: toOrgId,
          toRole,
          respondBy: due,
          agreementId: recipient.agreement_id,
          recipientJoined: joined,
        },
      });
      const transition = findTransition(locked.status, 'REFERRED');
      if (transition?.via === 'referCase' && mayFireTransition(transition, actor)) {
        const moved = await moveLockedCase(tx, locked, context, {
          from: locked.status,
          to: 'REFERRED',
          via: 'referCase',
        });
        if (!moved) throw new Error(`case ${locked.id} changed while locked`);
      }
      return this.view(tx, locked, referralId);
    });
  }

  async respondToReferral(context: RequestContext, input: RespondToReferralInput): Promise<ReferralType> {
    const actor = requireMembership(context);
    const {
      referralId,
      accept,
      declineReason: reason,
    } = parseInput(context, respondToReferralInputSchema, input);
    return context.db.transaction(async (tx) => {
      const referral = await this.lockReferral(tx, 'respond', referralId);
      refuseUnlessPending(referral);
      if (accept && referral.locked.status === 'CLOSED') {
        throw new BadUserInputError(
          'Het dossier is afgesloten; je kunt deze verwijzing alleen nog afwijzen.',
          {
            referralId: 'Het dossier is afgesloten.',
          },
        );
      }
      const status: ReferralStatus = accept ? 'ACCEPTED' : 'DECLINED';
      await this.close(tx, context, referral, status, actor.userId, accept ? null : reason);
      const joined = accept
        ? await joinAsRecipient(tx, referral.locked, referral.to_org_id, referral.to_role)
        : false;
      const left = accept ? false : await leaveUnlessStillInvolved(tx, referral.locked, referral.to_org_id);
      await tx.audit({
        action: 'UPDATE',
        entityType: 'referral',
        entityId: referral.id,
        caseId: referral.locked.id,
        tenantId: referral.locked.tenantId,
        details: { status, fromOrgId: referral.from_org_id, recipientJoined: joined, recipientLeft: left },
      });
      if (accept) await this.takeUpContact(tx, context, actor, referral);
      return this.view(tx, referral.locked, referral.id);
    });
  }

  async withdrawReferral(context: RequestContext, input: WithdrawReferralInput): Promise<ReferralType> {
    const actor = requireMembership(context);
    const { referralId } = parseInput(context, withdrawReferralInputSchema, input);
    return context.db.transaction(async (tx) => {
      const referral = await this.lockReferral(tx, 'withdraw', referralId);
      refuseUnlessPending(referral);
      await this.close(tx, context, referral, 'WITHDRAWN', actor.userId, null);
      const left = await leaveUnlessStillInvolved(tx, referral.locked, referral.to_org_id);
      await tx.audit({
        action: 'UPDATE',
        entityType: 'referral',
        entityId: referral.id,
        caseId: referral.locked.id,
        tenantId: referral.locked.tenantId,
        details: { status: 'WITHDRAWN', toOrgId: referral.to_org_id, recipientLeft: left },
      });
      return this.view(tx, referral.locked, referral.id);
    });
  }

  /** Accepting the referral of a REFERRED case is taking up contact, when the table lets the recipient move it. */
  private async takeUpContact(
    tx: ScopedTransaction,
    context: RequestContext,
    actor: ActingMembership,
    referral: LockedReferral,
  ): Promise<void> {
    if (referral.locked.status !== 'REFERRED') return;
    const transition = findTransition('REFERRED', 'IN_CONTACT');
    if (!transition || !mayFireTransition(transition, actor)) return;
    const moved = await moveLockedCase(tx, referral.locked, context, {
      from: 'REFERRED',
      to: 'IN_CONTACT',
      via: 'respondToReferral',
    });
    if (!moved) throw new Error(`case ${referral.locked.id} changed while locked`);
  }

  private async close(
    tx: ScopedTransaction,
    context: RequestContext,
    referral: LockedReferral,
    status: Exclude<ReferralStatus, 'PENDING'>,
    userId: string,
    declineReason: string | null,
  ): Promise<void> {
    await tx.write(
      referral.locked,
      `UPDATE referral
          SET status = $2, responded_at = $5, responded_by_id = $3, decline_reason = $4,
              updated_at = now(), version = version + 1
        WHERE id = $1 AND case_id = $6 AND status = 'PENDING'`,
      [referral.id, status, userId, declineReason, context.clock.now(), referral.locked.id],
    );
  }

  /**
   * Locks a referral (and its case) for the recipient's answer or the sender's withdrawal, within a case
   * the actor may see. A referral the actor may see but not answer (or withdraw) is FORBIDDEN; one it may
   * not see at all is NOT_FOUND, like one that does not exist. Both are recorded as ACCESS_DENIED.
   */
  private async lockReferral(
    tx: ScopedTransaction,
    action: 'respond' | 'withdraw',
    referralId: string,
  ): Promise<LockedReferral> {
    const locked = await tx.lockFor({ action, subject: 'Referral' }, referralId, {
      attempted: action === 'respond' ? 'respondToReferral' : 'withdrawReferral',
      notFound: 'Verwijzing',
      forbiddenWhenVisible:
        action === 'respond'
          ? 'Alleen de organisatie die de verwijzing ontvangt, kan erop reageren.'
          : 'Alleen de organisatie die de verwijzing heeft gestuurd, kan haar intrekken.',
    });
    const [row] = await tx.readLocked<Omit<LockedReferral, 'locked'>>(
      locked,
      `SELECT id, from_org_id, to_org_id, to_role, status, to_char(respond_by, 'YYYY-MM-DD') AS respond_by
         FROM referral WHERE id = $1 AND case_id = $2`,
      [locked.rowId, locked.id],
    );
    if (!row) throw new Error(`referral ${referralId} vanished while locked`);
    return { ...row, locked };
  }

  /** The referral as its sender or recipient sees it (Case.referrals), read inside the write's transaction. */
  private async view(tx: ScopedTransaction, locked: LockedCase, referralId: string): Promise<ReferralType> {
    const [row] = await tx.readLocked<ReferralViewRow>(
      locked,
      `SELECT r.id, r.from_org_id, f.name AS from_name, f.kind AS from_kind, r.to_org_id, t.name AS to_name, t.kind AS to_kind,
              r.to_role, r.status, r.message, to_char(r.respond_by, 'YYYY-MM-DD') AS respond_by, r.responded_at,
              r.decline_reason, r.created_at
         FROM referral r JOIN organization f ON f.id = r.from_org_id JOIN organization t ON t.id = r.to_org_id
        WHERE r.id = $1 AND r.case_id = $2`,
      [referralId, locked.id],
    );
    if (!row) throw new NotFoundError('Verwijzing');
    return {
      id: row.id,
      from: { id: row.from_org_id, name: row.from_name, kind: row.from_kind },
      to: { id: row.to_org_id, name: row.to_name, kind: row.to_kind },
      toRole: row.to_role,
      status: row.status,
      message: row.message,
      respondBy: row.respond_by,
      respondedAt: row.responded_at,
      declineReason: row.decline_reason,
      createdAt: row.created_at,
    };
  }
}

function refuseUnlessPending(referral: LockedReferral): void {
  if (referral.status !== 'PENDING') {
    throw new BadUserInputError(`Deze verwijzing is ${REFERRAL_STATUS_NL[referral.status]}.`, {
      referralId: `Status: ${referral.status}.`,
    });
  }
}
