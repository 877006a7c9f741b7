import { useMutation } from '@apollo/client/react';
import { addCaseNoteInputSchema, MAX_CASE_NOTE } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { NoteVisibility } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { formIssues, summaryOf } from '../../lib/form';
import { toApiError } from '../../lib/graphql-errors';
import { useFormErrors } from '../../lib/useFormErrors';
import { Button } from '../../ui/Button';
import { ChoiceGroup, RadioField, TextareaField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading, Paragraph } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { StatusBadge } from '../../ui/StatusBadge';
import { addToCachedList } from '../../lib/cachedList';
import { useFocusFirstField, useReturnFocus } from '../../lib/focus';
import { CaseNotesAccessDocument } from './notesQuery';
import './notes.css';

export const CaseNotesPanelFragment = graphql(`
  fragment CaseNotesPanel_case on Case {
    id
    notes {
      id
      ...CaseNote_note
    }
  }
`);

const CaseNoteFragment = graphql(`
  fragment CaseNote_note on CaseNote {
    id
    body
    visibility
    createdAt
    author {
      id
      displayName
    }
    organization {
      id
      name
    }
  }
`);

const AddCaseNoteDocument = graphql(`
  mutation AddCaseNote($input: AddCaseNoteInput!) {
    addCaseNote(input: $input) {
      id
      caseId
      ...CaseNote_note
    }
  }
`);

const VISIBILITIES: readonly NoteVisibility[] = ['OWN_ORG', 'SHARED'];
/** Long dossiers gather many notes: the newest are shown first, the rest on request. */
const FIRST_SHOWN = 10;

function AddNoteForm({
  caseId,
  organizationName,
  ownOrganisationOnly,
  onDone,
  onCancel,
}: {
  caseId: string;
  organizationName: string;
  /** The notes are withheld from me: only a note for my own organisation can be written. */
  ownOrganisationOnly: boolean;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = { body: useId(), visibility: useId() };
  const formRef = useFocusFirstField<HTMLFormElement>();
  const [body, setBody] = useState('');
  // A note stays within the own organisation unless the writer chooses to share it.
  const [visibility, setVisibility] = useState<NoteVisibility>('OWN_ORG');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [add, { loading }] = useMutation(AddCaseNoteDocument, {
    // My first own note opens the (own-data-only) notes section: its access and notes are read again.
    refetchQueries: ownOrganisationOnly
      ? [{ query: CaseNotesAccessDocument, variables: { id: caseId } }]
      : [],
    // Notes are newest first: the new one goes on top of its case's list.
    update(cache, { data }) {
      const note = data?.addCaseNote;
      if (!note) return;
      addToCachedList(
        cache,
        { __typename: 'Case', id: note.caseId },
        'notes',
        { __typename: 'CaseNote', id: note.id },
        'start',
      );
    },
  });

  async function submit() {
    setMessage(null);
    const text = body.trim();
    const input = { caseId, body: text, visibility };
    // An empty note gets the form's own words; the rest (control characters pasted from elsewhere,
    // length counted as the server counts it) the server's own rules from the shared schema.
    const found: Record<string, string> = text
      ? formIssues(addCaseNoteInputSchema, input, t, ['body', 'visibility'])
      : { body: t('caseNotes.errors.body') };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await add({ variables: { input } });
      onDone(t(`caseNotes.saved.${visibility}`));
    } catch (error) {
      if (visibility === 'SHARED' && toApiError(error).code === 'FORBIDDEN') {
        setErrors({});
        setMessage(t('caseNotes.forbiddenShared', { organization: organizationName }));
        return;
      }
      showFailure(error);
    }
  }

  return (
    <FormShell
      ref={formRef}
      className="form note-form"
      onSubmit={submit}
      header={<Heading level={3}>{t('caseNotes.addTitle')}</Heading>}
      errors={summaryOf(errors, ids)}
      message={message}
      submitLabel={t('caseNotes.save')}
      busy={loading}
      onCancel={onCancel}
    >
      <TextareaField
        id={ids.body}
        label={t('caseNotes.body')}
        description={t('caseNotes.bodyHint')}
        value={body}
        rows={4}
        maxLength={MAX_CASE_NOTE}
        error={errors.body}
        onChange={(event) => setBody(event.target.value)}
      />
      {ownOrganisationOnly ? (
        <Paragraph>{t('caseNotes.ownOnlyHint', { organization: organizationName })}</Paragraph>
      ) : (
        <ChoiceGroup
          id={ids.visibility}
          legend={t('caseNotes.visibilityLegend')}
          description={t('caseNotes.visibilityHint')}
          error={errors.visibility}
        >
          {VISIBILITIES.map((option) => (
            <RadioField
              key={option}
              name={`${ids.visibility}-choice`}
              value={option}
              checked={visibility === option}
              onChange={() => setVisibility(option)}
              label={t(`caseNotes.visibilityChoice.${option}`, { organization: organizationName })}
            />
          ))}
        </ChoiceGroup>
      )}
    </FormShell>
  );
}

function NoteItem({ noteRef }: { noteRef: FragmentType<typeof CaseNoteFragment> }) {
  const { t } = useTranslation();
  const note = getFragmentData(CaseNoteFragment, noteRef);
  return (
    <li className={`note note--${note.visibility.toLowerCase()}`}>
      <div className="note__header">
        <p className="note__meta">
          <strong>{note.author.displayName}</strong>
          {`, ${note.organization.name}`}
          <span className="muted">{` – ${formatDateTime(note.createdAt)}`}</span>
        </p>
        <StatusBadge tone={note.visibility === 'SHARED' ? 'active' : 'neutral'}>
          {t(`caseNotes.visibility.${note.visibility}`)}
        </StatusBadge>
      </div>
      <p className="note__body pre-line">{note.body}</p>
    </li>
  );
}

/**
 * Case notes (category CASE_NOTES), newest first. Append-only: a note is never edited. Each note is for
 * the writer's own organisation only, or shared — and a shared note is read only by partners the tenant
 * gave CASE_NOTES consent to. The case page puts this inside its CategorySection, which explains why
 * when the notes are withheld.
 */
/** "Notitie toevoegen" and, once opened, the form; the outcome is announced in a status line. */
export function CaseNoteWriter({
  caseId,
  organizationName,
  ownOrganisationOnly = false,
}: {
  caseId: string;
  organizationName: string;
  ownOrganisationOnly?: boolean;
}) {
  const { t } = useTranslation();
  const [writing, setWriting] = useState(false);
  const openerId = useReturnFocus(writing);
  const [status, setStatus] = useState('');
  return (
    <>
      <p role="status" className="utrecht-paragraph status-line">
        {status}
      </p>
      {writing ? (
        <AddNoteForm
          caseId={caseId}
          organizationName={organizationName}
          ownOrganisationOnly={ownOrganisationOnly}
          onCancel={() => setWriting(false)}
          onDone={(message) => {
            setWriting(false);
            setStatus(message);
          }}
        />
      ) : (
        <Button
          id={openerId}
          variant="secondary"
          onClick={() => {
            setStatus('');
            setWriting(true);
          }}
        >
          {t('caseNotes.add')}
        </Button>
      )}
    </>
  );
}

export function CaseNotesPanel({
  caseRef,
  organizationName,
  mayWrite,
}: {
  caseRef: FragmentType<typeof CaseNotesPanelFragment>;
  /** The acting organisation: the one an own-organisation note stays with. */
  organizationName: string;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const data = getFragmentData(CaseNotesPanelFragment, caseRef);
  const [showAll, setShowAll] = useState(false);
  const notes = data.notes ?? [];
  const shown = showAll ? notes : notes.slice(0, FIRST_SHOWN);

  return (
    <div className="case-notes">
      <Paragraph className="muted">{t('caseNotes.intro')}</Paragraph>
      {mayWrite ? <CaseNoteWriter caseId={data.id} organizationName={organizationName} /> : null}
      {notes.length === 0 ? (
        <EmptyState>{t('caseNotes.empty')}</EmptyState>
      ) : (
        <>
          <p className="utrecht-paragraph muted">{t('caseNotes.newestFirst')}</p>
          <ol className="note-list">
            {shown.map((noteRef) => (
              <NoteItem key={noteRef.id} noteRef={noteRef} />
            ))}
          </ol>
          {notes.length > shown.length ? (
            <Button variant="secondary" onClick={() => setShowAll(true)}>
              {t('caseNotes.showAll', { count: notes.length })}
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
