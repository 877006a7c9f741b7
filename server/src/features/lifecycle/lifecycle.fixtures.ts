import { addCalendarDays, type CaseStatus, type SignalEndResult } from '@vangnet/shared';
import type { DataSource } from 'typeorm';
import { demoId } from '../demo/demo-ids.js';
import { TEST_NOW, testToday } from '../../testing/test-clock.js';

/** The demo organisations (seedDemoWorld) by key. */
export const DEMO_ORG = {
  delinde: demoId('org:delinde'),
  woonbronoost: demoId('org:woonbronoost'),
  rivierstad: demoId('org:rivierstad'),
  kredietbank: demoId('org:kredietbank'),
} as const;

export const demoUserId = (email: string): string => demoId(`user:${email}`);

export interface CaseSetup {
  readonly status: CaseStatus;
  readonly corporation?: 'delinde' | 'woonbronoost';
  /** Participants besides the corporation; default: the municipality once signalled, nobody before. */
  readonly with?: readonly ('rivierstad' | 'kredietbank')[];
  /** An early signal from the corporation to the municipality; default: when the status is past PRE_SIGNAL. */
  readonly signal?: boolean;
  readonly endResult?: SignalEndResult | null;
  readonly helpRequested?: boolean;
  readonly firstConversation?: boolean;
}

export interface CreatedCase {
  readonly id: string;
  readonly tenantId: string;
  readonly reference: string;
  readonly signalId: string | null;
}

/**
 * A fresh case in any status, written straight to the database (no assignees: every organisation's
 * queue), for tests that need a case in a given state without walking it there.
 */
export async function createCaseIn(dataSource: DataSource, setup: CaseSetup): Promise<CreatedCase> {
  const corporation = DEMO_ORG[setup.corporation ?? 'delinde'];
  const signalled = setup.signal ?? setup.status !== 'PRE_SIGNAL';
  const others = setup.with ?? (setup.status === 'PRE_SIGNAL' ? [] : ['rivierstad']);
  const today = testToday();
  return dataSource.transaction(async (manager) => {
    const [tenant] = await manager.query<{ id: string }[]>(
      `INSERT INTO tenant (initials, surname, street, house_number, postcode, city, municipality_code, origin_org_id)
       VALUES ('T.', 'Testhuurder', 'Proefstraat', 1, '9999ZZ', 'Rivierstad', '9999', $1) RETURNING id`,
      [corporation],
    );
    const [sequence] = await manager.query<{ n: string }[]>(
      `SELECT nextval('case_reference_seq')::text AS n`,
    );
    const reference = `VN-2026-${sequence!.n.padStart(6, '0')}`;
    const closed = setup.status === 'CLOSED';
    const [created] = await manager.query<{ id: string }[]>(
      `INSERT INTO case_file (reference, tenant_id, origin_org_id, status, exit_reason, closed_at, help_requested_at, first_conversation_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        reference,
        tenant!.id,
        corporation,
        setup.status,
        closed ? 'OTHER' : null,
        closed ? new Date(TEST_NOW) : null,
        setup.helpRequested || setup.firstConversation
          ? new Date(TEST_NOW.getTime() - 10 * 86_400_000)
          : null,
        setup.firstConversation ? new Date(TEST_NOW.getTime() - 5 * 86_400_000) : null,
      ],
    );
    const caseId = created!.id;
    await manager.query(
      `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, 'REFERRER')`,
      [caseId, corporation],
    );
    for (const other of others) {
      await manager.query(
        `INSERT INTO case_participant (case_id, organization_id, role) VALUES ($1, $2, $3)`,
        [caseId, DEMO_ORG[other], other === 'rivierstad' ? 'MUNICIPALITY' : 'DEBT_COUNSELLING'],
      );
    }
    let signalId: string | null = null;
    if (signalled) {
      const endResult = setup.endResult ?? null;
      const [signal] = await manager.query<{ id: string }[]>(
        `INSERT INTO signal (case_id, sender_org_id, recipient_org_id, signal_date, arrears_amount_cents, arrears_arose_on,
                             end_result, end_result_at, sent_by_id)
         VALUES ($1, $2, $3, $4::date, 123400, $5::date, $6, $7, $8) RETURNING id`,
        [
          caseId,
          corporation,
          DEMO_ORG.rivierstad,
          addCalendarDays(today, -10),
          addCalendarDays(today, -70),
          endResult,
          endResult ? new Date(TEST_NOW) : null,
          demoUserId(
            setup.corporation === 'woonbronoost' ? 'bram@woonbronoost.example' : 'anna@delinde.example',
          ),
        ],
      );
      signalId = signal!.id;
    }
    return { id: caseId, tenantId: tenant!.id, reference, signalId };
  });
}
