import { addCaseNoteInputSchema, BASIS_ORIGIN, type OrganizationKind } from '@vangnet/shared';
import { readSection, type CaseRef } from '../../core/authz/section-access.js';
import { refuseClosed } from '../../core/db/gateway.js';
import { NotFoundError } from '../../core/errors.js';
import { parseInput } from '../../core/graphql/input-validation.js';
import { requireMembership, type RequestContext } from '../../core/request-context.js';
import type { CoEditOutcome } from '../action-plans/index.js';
import type { NoteVisibility } from './case-note.entity.js';
import type { AddCaseNoteInput, CaseNoteType } from './case-note.types.js';

interface NoteRow {
  id: string;
  case_id: string;
  body: string;
  visibility: NoteVisibility;
  author_id: string;
  author_name: string;
  origin_org_id: string;
  origin_org_name: string;
  origin_org_kind: OrganizationKind;
  created_at: Date;
}

/**
 * Case notes (docs/product.md §4): append-only, each OWN_ORG (only ever read by the organisation that wrote it) or
 * SHARED (read by other organisations on the case with CASE_NOTES consent). Which notes a reader gets is
 * decided per row in SQL: the row rule of CASE_NOTES with the note's visibility column.
 */
export class CaseNoteService {
  /** Case.notes: null when CASE_NOTES is withheld; otherwise the notes I may read, newest first. */
  notesOf(context: RequestContext, ref: CaseRef): Promise<CaseNoteType[] | null> {
    return readSection(context, ref, 'CASE_NOTES', () =>
      context.loaders
        .get('case-notes', async (caseIds) => {
          const notes = await this.load(context, 'n.case_id IN (:...ids)', [...caseIds]);
          return caseIds.map((caseId) => notes.filter((note) => note.caseId === caseId));
        })
        .load(ref.id),
    );
  }

  /**
   * A note for my own organisation needs only the case (nobody else ever reads it); a shared note needs
   * the CASE_NOTES section too, like every co-editing write: you only write into what you may read.
   */
  async addCaseNote(context: RequestContext, input: AddCaseNoteInput): Promise<CoEditOutcome<CaseNoteType>> {
    const actor = requireMembership(context);
    const added = parseInput(context, addCaseNoteInputSchema, input);
    const { body } = added;

    const written = await context.db.transaction(async (tx) => {
      const locked = await tx.lockFor(
        { action: 'read', subject: added.visibility === 'SHARED' ? 'CASE_NOTES' : 'Case' },
        added.caseId,
        {
          attempted: 'addCaseNote',
          notFound: 'Dossier',
          forbiddenWhenVisible:
            'Je organisatie heeft geen toestemming van de huurder voor gedeelde notities. Maak een notitie voor je eigen organisatie, of vraag de huurder om toestemming.',
        },
      );
      refuseClosed(locked, 'Dit dossier is afgesloten; er komen geen notities meer bij.');
      const [row] = await tx.write<{ id: string }>(
        locked,
        `INSERT INTO case_note (case_id, body, visibility, origin_org_id, author_id)
         VALUES ($1, $2, $3::note_visibility, $4, $5) RETURNING id`,
        [locked.id, body, added.visibility, actor.organizationId, actor.userId],
      );
      await tx.audit({
        action: 'CREATE',
        entityType: 'case-note',
        entityId: row!.id,
        caseId: locked.id,
        tenantId: locked.tenantId,
        categories: ['CASE_NOTES'],
        // The note is the writer's own data, whoever may read it later.
        basis: BASIS_ORIGIN,
        details: { visibility: added.visibility },
      });
      return { id: row!.id, locked };
    });
    const [note] = await this.load(context, 'n.id IN (:...ids)', [written.id]);
    if (!note) throw new NotFoundError('Notitie');
    return {
      value: note,
      // A note for the own organisation only is not announced: other partners must not even learn that
      // one was written (colleagues see it on their next read).
      change:
        input.visibility === 'SHARED'
          ? {
              caseId: written.locked.id,
              version: written.locked.version,
              changed: ['CASE_NOTES'],
              // Named, so only those who may read this very note hear of it (core/realtime/case-change-feed.ts).
              rows: [{ category: 'CASE_NOTES', table: 'case_note', ids: [written.id] }],
            }
          : null,
    };
  }

  private async load(context: RequestContext, where: string, ids: string[]): Promise<CaseNoteType[]> {
    const rows = await context.db.read<NoteRow>(
      (bag) => `SELECT n.id, n.case_id, n.body, n.visibility, n.author_id, u.display_name AS author_name,
              n.origin_org_id, o.name AS origin_org_name, o.kind AS origin_org_kind, n.created_at
         FROM case_note n
         JOIN case_file c ON c.id = n.case_id
         JOIN app_user u ON u.id = n.author_id
         JOIN organization o ON o.id = n.origin_org_id
        WHERE ${where} AND ${context.access.readableRow('CASE_NOTES', 'c', 'n.origin_org_id', bag, 'n.visibility')}
        ORDER BY n.created_at DESC, n.id DESC`,
      { ids },
    );
    return rows.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      body: row.body,
      visibility: row.visibility,
      author: { id: row.author_id, displayName: row.author_name },
      organization: { id: row.origin_org_id, name: row.origin_org_name, kind: row.origin_org_kind },
      createdAt: row.created_at,
    }));
  }
}
