import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { Button } from './Button';
import { Dialog } from './Dialog';
import { TextareaField } from './Field';
import { Heading, Paragraph } from './Heading';

/** One field of a row that two people changed at the same time, as display text. */
export interface ConflictField {
  readonly key: string;
  readonly label: string;
  /** The value I tried to save. */
  readonly mine: string;
  /** The value saved by the other person (the server's current row, from the CONFLICT error). */
  readonly theirs: string;
  /** Free text may be merged by hand; enumerations and dates only chosen. Default: true. */
  readonly editable?: boolean;
  readonly multiline?: boolean;
}

export type FieldChoice = 'mine' | 'theirs' | 'custom';

export interface ConflictDialogProps {
  readonly fields: readonly ConflictField[];
  /** The dialog's name, e.g. "Iemand anders heeft deze actie gewijzigd"; a general one by default. */
  readonly title?: string;
  /** Who saved the other version ("Sanne Mulder, Kredietbank Rivierstad"), when known. */
  readonly theirAuthor?: string;
  /** When the other version was saved, already formatted. */
  readonly theirSavedAt?: string;
  /** The merged values per field key; the caller saves them against the current version. */
  readonly onResolve: (merged: Record<string, string>) => void;
  /** Closes without saving; my edits stay in the form behind the dialog. */
  readonly onCancel: () => void;
  readonly busy?: boolean;
}

function initialChoices(fields: readonly ConflictField[]): Record<string, FieldChoice> {
  return Object.fromEntries(fields.map((field) => [field.key, 'theirs']));
}

/** The merged result: per field my value, theirs, or my hand-merged text. */
export function mergeConflict(
  fields: readonly ConflictField[],
  choices: Readonly<Record<string, FieldChoice>>,
  custom: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(
    fields.map((field) => {
      const choice = field.mine === field.theirs ? 'theirs' : (choices[field.key] ?? 'theirs');
      const value =
        choice === 'mine'
          ? field.mine
          : choice === 'custom'
            ? (custom[field.key] ?? field.theirs)
            : field.theirs;
      return [field.key, value];
    }),
  );
}

type Side = 'mine' | 'theirs';

/** One column of the comparison: every field with its value; a radio for each field that differs. */
function VersionColumn({
  side,
  fields,
  choices,
  groupName,
  onChoice,
}: {
  side: Side;
  fields: readonly ConflictField[];
  choices: Readonly<Record<string, FieldChoice>>;
  groupName: (key: string) => string;
  onChoice: (key: string, choice: FieldChoice) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const idPrefix = useId();
  return (
    <section aria-labelledby={headingId} className={`conflict-column conflict-column--${side}`}>
      <Heading level={3} id={headingId}>
        {t(side === 'mine' ? 'conflict.mine' : 'conflict.theirs')}
      </Heading>
      <ul className="conflict-column__fields">
        {fields.map((field) => {
          const value = side === 'mine' ? field.mine : field.theirs;
          const same = field.mine === field.theirs;
          const inputId = `${idPrefix}-${field.key}`;
          const chosen = !same && choices[field.key] === side;
          return (
            <li
              key={field.key}
              className={`conflict-cell ${same ? 'conflict-cell--same' : ''} ${chosen ? 'conflict-cell--chosen' : ''}`}
            >
              {same ? (
                <span className="conflict-cell__label">{field.label}</span>
              ) : (
                <span className="conflict-cell__choice">
                  <input
                    type="radio"
                    id={inputId}
                    name={groupName(field.key)}
                    value={side}
                    checked={chosen}
                    onChange={() => onChoice(field.key, side)}
                    aria-label={`${field.label}: ${t(side === 'mine' ? 'conflict.mineShort' : 'conflict.theirsShort')}`}
                    aria-describedby={`${inputId}-value`}
                    className="utrecht-radio-button utrecht-radio-button--html-input"
                  />
                  <label htmlFor={inputId} className="conflict-cell__label">
                    {field.label}
                  </label>
                </span>
              )}
              <span id={`${inputId}-value`} className="conflict-cell__value pre-line">
                {value || t('conflict.empty')}
                {same ? <span className="muted"> ({t('conflict.same')})</span> : null}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** For free text that differs: a third choice, merging by hand (starting from my text). */
function CustomMerge({
  field,
  choice,
  value,
  groupName,
  onChoice,
  onChange,
}: {
  field: ConflictField;
  choice: FieldChoice;
  value: string;
  groupName: string;
  onChoice: () => void;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const radioId = useId();
  const textId = useId();
  return (
    <div className="conflict-custom">
      <span className="conflict-cell__choice">
        <input
          type="radio"
          id={radioId}
          name={groupName}
          value="custom"
          checked={choice === 'custom'}
          onChange={onChoice}
          className="utrecht-radio-button utrecht-radio-button--html-input"
        />
        <label htmlFor={radioId}>{t('conflict.custom', { field: field.label })}</label>
      </span>
      {choice === 'custom' ? (
        <TextareaField
          id={textId}
          label={t('conflict.customLabel', { field: field.label })}
          value={value}
          rows={field.multiline ? 5 : 2}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : null}
    </div>
  );
}

/**
 * Two people changed the same row: my version and theirs side by side, per field a choice (or, for
 * free text, a hand-made merge). Nothing is lost: cancelling keeps my edits, resolving saves the merge
 * against their (current) version.
 */
export function ConflictDialog({
  fields,
  title,
  theirAuthor,
  theirSavedAt,
  onResolve,
  onCancel,
  busy = false,
}: ConflictDialogProps) {
  const { t } = useTranslation();
  const groupPrefix = useId();
  const [choices, setChoices] = useState<Record<string, FieldChoice>>(() => initialChoices(fields));
  const [custom, setCustom] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.map((field) => [field.key, field.mine])),
  );
  const differing = fields.filter((field) => field.mine !== field.theirs);
  const mergeable = differing.filter((field) => field.editable ?? true);
  const groupName = (key: string) => `${groupPrefix}-${key}`;
  const choose = (key: string, choice: FieldChoice) =>
    setChoices((current) => ({ ...current, [key]: choice }));

  function chooseAll(choice: FieldChoice) {
    setChoices(Object.fromEntries(fields.map((field) => [field.key, choice])));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onResolve(mergeConflict(fields, choices, custom));
  }

  return (
    <Dialog title={title ?? t('conflict.title')} onClose={onCancel} className="conflict-dialog">
      <form onSubmit={submit} className="conflict-form">
        <Paragraph>
          {theirAuthor
            ? t('conflict.introWithAuthor', { author: theirAuthor, when: theirSavedAt ?? '' })
            : t('conflict.intro')}
        </Paragraph>
        <Paragraph>{t('conflict.howTo', { count: differing.length })}</Paragraph>
        <div className="button-row">
          <Button variant="subtle" onClick={() => chooseAll('mine')}>
            {t('conflict.allMine')}
          </Button>
          <Button variant="subtle" onClick={() => chooseAll('theirs')}>
            {t('conflict.allTheirs')}
          </Button>
        </div>
        <div className="conflict-columns">
          <VersionColumn
            side="mine"
            fields={fields}
            choices={choices}
            groupName={groupName}
            onChoice={choose}
          />
          <VersionColumn
            side="theirs"
            fields={fields}
            choices={choices}
            groupName={groupName}
            onChoice={choose}
          />
        </div>
        {mergeable.map((field) => (
          <CustomMerge
            key={field.key}
            field={field}
            choice={choices[field.key] ?? 'theirs'}
            value={custom[field.key] ?? ''}
            groupName={groupName(field.key)}
            onChoice={() => choose(field.key, 'custom')}
            onChange={(value) => setCustom((current) => ({ ...current, [field.key]: value }))}
          />
        ))}
        <div className="button-row">
          <Button type="submit" variant="primary" busy={busy}>
            {t('conflict.save')}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t('conflict.cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
