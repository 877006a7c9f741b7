import {
  coarseStatusOf,
  findTransition,
  LEGAL_BASIS_SIGNAL,
  mayFireTransition,
  type OrganizationKind,
  sendSignalInputSchema,
  todayInAmsterdam,
} from '@vangnet/shared';
import { sharesAgreementOn } from '../../core/authz/partnership-sql.js';
import { moveLockedCase } from '../lifecycle/index.js';
import { AppError, BadUserInputError, ForbiddenError } from '../../core/errors.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import { lockForCorporationWrite } from '../arrears/index.js';
import { assertGateOpen, judgePreSignalGate, preSignalStepsOf } from './pre-signal.service.js';
import type { SendSignalInput, SignalType } from './signal.types.js';

export class SignalService {
  /**
   * The early signal (docs/product.md §2, Wgs with the Besluit gemeentelijke schuldhulpverlening). Only from a
   * PRE_SIGNAL dossier, only when the pre-signal gate is complete and the tenant did not object. The
   * municipality of the tenant's region that shares an active agreement with the corporation receives
   * it by legal task and becomes a participant (MUNICIPALITY); the case moves PRE_SIGNAL → SIGNALLED.
   * Refused, nothing is recorded as sent: the whole write is one transaction.
   */
  async sendSignal(context: RequestContext, input: SendSignalInput): Promise<SignalType> {
    const actor = requireMembership(context);
    const today = todayInAmsterdam(context.access.now);
    const request = parseInput(context, sendSignalInputSchema, input);
    return context.db.transaction(async (tx) => {
      const locked = await lockForCorporationWrite(tx, request.caseId, 'sendSignal');
      const transition = findTransition(locked.status, 'SIGNALLED');
      if (!transition) {
        // The sender is the corporation, which knows the lifecycle only coarsely (docs/product.md §3).
        throw new AppError(
          'INVALID_TRANSITION',
          locked.status === 'CLOSED'
            ? 'Dit dossier is gesloten; er kan geen signaal meer worden verstuurd.'
            : 'Het signaal voor dit dossier is al verstuurd.',
          { currentStatus: coarseStatusOf(locked.status), allowedNextStatuses: [] },
        );
      }
      if (!mayFireTransition(transition, actor)) {
        throw new ForbiddenError('Alleen een medewerker van de woningcorporatie kan het signaal versturen.');
      }
      assertGateOpen(judgePreSignalGate(await preSignalStepsOf(tx, locked)));

      const [arrears] = await tx.readLocked<{ amount_cents: number; arose_on: string }>(
        locked,
        `SELECT amount_cents, to_char(arose_on, 'YYYY-MM-DD') AS arose_on FROM arrears WHERE case_id = $1`,
        [locked.id],
      );
      if (!arrears || arrears.amount_cents === 0) {
        const message = 'Er is geen huurachterstand vastgelegd; een signaal gaat over een achterstand.';
        throw new BadUserInputError(message, { caseId: message });
      }

      // The tenant of the locked case (named by its id, as the gateway requires of a read under a lock).
      const [municipality] = await tx.readLocked<{ id: string; name: string; kind: OrganizationKind }>(
        locked,
        `SELECT o.id, o.name, o.kind
           FROM case_file c
           JOIN tenant t ON t.id = c.tenant_id
           JOIN organization o ON o.kind = 'MUNICIPALITY' AND o.municipality_code = t.municipality_code
          WHERE c.id = $1
            AND ${sharesAgreementOn('$2', 'o.id', '$3::date')}
          ORDER BY o.name, o.id
          LIMIT 1`,
        [locked.id, actor.organizationId, today],
      );
      if (!municipality) {
        const message =
          'Er is geen gemeente voor de woonplaats van de huurder waarmee jullie een geldig convenant hebben; het signaal kan niet worden verstuurd.';
        throw new BadUserInputError(message, { caseId: message });
      }

      const crisis = request.crisis ?? locked.crisis;
      const warmHandover = request.warmHandover ?? false;
      const [signal] = await tx.write<{ id: string; created_at: Date; sent_by_name: string }>(
        locked,
        `INSERT INTO signal (case_id, sender_org_id, recipient_org_id, signal_date, arrears_amount_cents, arrears_arose_on,
                             crisis, warm_handover, partner_type, sent_by_id)
         VALUES ($1, $2, $3, $4::date, $5, $6::date, $7, $8, 'HUUR', $9)
         RETURNING id, created_at, (SELECT display_name FROM app_user WHERE id = $9) AS sent_by_name`,
        [
          locked.id,
          actor.organizationId,
          municipality.id,
          today,
          arrears.amount_cents,
          arrears.arose_on,
          crisis,
          warmHandover,
          actor.userId,
        ],
      );
      await tx.write(
        locked,
        `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, 'MUNICIPALITY')
         ON CONFLICT (case_id, organization_id) DO NOTHING`,
        [locked.id, municipality.id],
      );
      await tx.write(locked, `UPDATE case_file SET crisis = $2 WHERE id = $1`, [locked.id, crisis]);
      const moved = await moveLockedCase(tx, locked, context, {
        from: locked.status,
        to: 'SIGNALLED',
        via: 'sendSignal',
      });
      if (!moved) throw new Error(`case ${locked.id} changed while it was locked`);
      await tx.audit({
        action: 'CREATE',
        entityType: 'signal',
        entityId: signal!.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: ['CONTACT', 'ARREARS'],
        basis: LEGAL_BASIS_SIGNAL,
        details: {
          recipientOrgId: municipality.id,
          fromStatus: locked.status,
          toStatus: 'SIGNALLED',
        },
      });
      return {
        id: signal!.id,
        caseId: locked.id,
        signalDate: today,
        arrearsAmountCents: arrears.amount_cents,
        arrearsAroseOn: arrears.arose_on,
        crisis,
        warmHandover,
        partnerType: 'HUUR',
        recipient: { id: municipality.id, name: municipality.name, kind: municipality.kind },
        sentBy: { id: actor.userId, displayName: signal!.sent_by_name },
        createdAt: signal!.created_at,
      };
    });
  }
}
