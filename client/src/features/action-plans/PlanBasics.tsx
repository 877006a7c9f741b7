import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ConsentChannel } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formatDate } from '../../lib/format';
import { summaryOf } from '../../lib/form';
import { Button } from '../../ui/Button';
import { DataList } from '../../ui/DataList';
import { SelectField, TextareaField, TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading } from '../../ui/Heading';
import { ConflictDialog, type ConflictField } from '../../ui/ConflictDialog';
import { ChangeHistory } from './ChangeHistory';
import { useFocusFirstField, useReturnFocus } from '../../lib/focus';
import { chosenValue, textOf, useVersionedEdit } from './useVersionedEdit';
import { actionPlanOf } from './planQuery';

export const PlanBasicsFragment = graphql(`
  fragment PlanBasics_plan on ActionPlan {
    id
    version
    helpRequest
    tenantSignedOffOn
    tenantSignOffChannel
    referredOrganizations {
      id
      name
    }
    history {
      ...ChangeHistory_change
    }
  }
`);

const UpdateActionPlanDocument = graphql(`
  mutation UpdateActionPlan($input: UpdateActionPlanInput!) {
    updateActionPlan(input: $input) {
      id
      ...PlanBasics_plan
    }
  }
`);

const SIGN_OFF_CHANNELS: readonly ConsentChannel[] = ['WRITTEN', 'DIGITAL', 'VERBAL_CONFIRMED_IN_WRITING'];
const MAX_HELP_REQUEST = 2000;

function isSignOffChannel(value: unknown): value is ConsentChannel {
  return typeof value === 'string' && (SIGN_OFF_CHANNELS as readonly string[]).includes(value);
}

/** The plan's own fields as the form holds them; '' is "not filled in". */
interface BasicsDraft {
  helpRequest: string;
  tenantSignedOffOn: string;
  tenantSignOffChannel: ConsentChannel | '';
}

function BasicsEditor({
  caseId,
  planId,
  version,
  initial,
  onDone,
  onCancel,
}: {
  caseId: string;
  /** Null while the plan is still empty: the first save creates it. */
  planId: string | null;
  version: number;
  initial: BasicsDraft;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ids = { helpRequest: useId(), tenantSignedOffOn: useId(), tenantSignOffChannel: useId() };
  const today = todayIso();
  const formRef = useFocusFirstField<HTMLFormElement>();
  const [update, { loading }] = useMutation(UpdateActionPlanDocument, {
    // The answer is the plan with its new version and history, which replaces it in the cache. The
    // first write creates the plan: the case's (still id-less) plan is then read again, alone.
    refetchQueries: planId ? [] : [actionPlanOf(caseId)],
  });
  const edit = useVersionedEdit<BasicsDraft>({
    initial,
    version,
    validate: (values) => {
      const found: Record<string, string> = {};
      if (values.tenantSignedOffOn && values.tenantSignedOffOn > today)
        found.tenantSignedOffOn = t('planEditing.basics.errors.signedOffInFuture');
      if (values.tenantSignedOffOn && !values.tenantSignOffChannel)
        found.tenantSignOffChannel = t('planEditing.basics.errors.channelMissing');
      if (!values.tenantSignedOffOn && values.tenantSignOffChannel)
        found.tenantSignedOffOn = t('planEditing.basics.errors.dateMissing');
      return found;
    },
    write: (values, expectedVersion) =>
      update({
        variables: {
          input: {
            caseId,
            expectedVersion,
            patch: {
              helpRequest: values.helpRequest.trim() || null,
              tenantSignedOffOn: values.tenantSignedOffOn || null,
              tenantSignOffChannel: values.tenantSignOffChannel || null,
            },
          },
        },
      }),
    theirsOf: (current) => ({
      helpRequest: textOf(current.helpRequest),
      tenantSignedOffOn: textOf(current.tenantSignedOffOn),
      tenantSignOffChannel: isSignOffChannel(current.tenantSignOffChannel)
        ? current.tenantSignOffChannel
        : '',
    }),
    onSaved: () => onDone(t('planEditing.basics.saved')),
  });
  const { draft, setDraft, errors, conflict } = edit;

  const dateLabel = (date: string) => (date ? formatDate(date) : '');
  const channelLabel = (channel: ConsentChannel | '') => (channel ? t(`consentChannels.${channel}`) : '');
  const conflictFields: ConflictField[] = conflict
    ? [
        {
          key: 'helpRequest',
          label: t('actionPlan.helpRequest'),
          mine: draft.helpRequest,
          theirs: conflict.theirs.helpRequest,
          multiline: true,
        },
        {
          key: 'tenantSignedOffOn',
          label: t('planEditing.basics.signedOffOn'),
          mine: dateLabel(draft.tenantSignedOffOn),
          theirs: dateLabel(conflict.theirs.tenantSignedOffOn),
          editable: false,
        },
        {
          key: 'tenantSignOffChannel',
          label: t('planEditing.basics.signOffChannel'),
          mine: channelLabel(draft.tenantSignOffChannel),
          theirs: channelLabel(conflict.theirs.tenantSignOffChannel),
          editable: false,
        },
      ]
    : [];

  return (
    <>
      <FormShell
        ref={formRef}
        className="form plan-basics__editor"
        onSubmit={() => void edit.submit()}
        errors={summaryOf(errors, ids)}
        message={edit.message}
        submitLabel={t('planEditing.basics.save')}
        busy={loading}
        onCancel={onCancel}
      >
        <TextareaField
          id={ids.helpRequest}
          label={t('actionPlan.helpRequest')}
          description={t('planEditing.basics.helpRequestHint')}
          value={draft.helpRequest}
          rows={4}
          maxLength={MAX_HELP_REQUEST}
          error={errors.helpRequest}
          onChange={(event) => setDraft({ ...draft, helpRequest: event.target.value })}
        />
        <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-form-label">
            {t('actionPlan.signOff')}
          </legend>
          <p className="utrecht-form-field-description">{t('planEditing.basics.signOffHint')}</p>
          <TextField
            id={ids.tenantSignedOffOn}
            type="date"
            label={t('planEditing.basics.signedOffOn')}
            max={today}
            value={draft.tenantSignedOffOn}
            error={errors.tenantSignedOffOn}
            onChange={(event) => setDraft({ ...draft, tenantSignedOffOn: event.target.value })}
          />
          <SelectField
            id={ids.tenantSignOffChannel}
            label={t('planEditing.basics.signOffChannel')}
            placeholder={t('planEditing.basics.noSignOff')}
            options={SIGN_OFF_CHANNELS.map((channel) => ({ value: channel, label: channelLabel(channel) }))}
            value={draft.tenantSignOffChannel}
            error={errors.tenantSignOffChannel}
            onChange={(event) => {
              const channel = event.target.value;
              setDraft({ ...draft, tenantSignOffChannel: isSignOffChannel(channel) ? channel : '' });
            }}
          />
        </fieldset>
      </FormShell>
      {conflict ? (
        <ConflictDialog
          title={t('planEditing.basics.conflictTitle')}
          fields={conflictFields}
          {...conflict.savedBy}
          busy={loading}
          onCancel={edit.dismissConflict}
          onResolve={(merged) => {
            const theirs = conflict.theirs;
            void edit.resolve({
              helpRequest: merged.helpRequest ?? theirs.helpRequest,
              tenantSignedOffOn: chosenValue(
                merged.tenantSignedOffOn,
                draft.tenantSignedOffOn,
                theirs.tenantSignedOffOn,
                dateLabel,
              ),
              tenantSignOffChannel: chosenValue(
                merged.tenantSignOffChannel,
                draft.tenantSignOffChannel,
                theirs.tenantSignOffChannel,
                channelLabel,
              ),
            });
          }}
        />
      ) : null}
    </>
  );
}

/**
 * The plan itself: the tenant's question for help, the tenant's agreement to the plan (date and how),
 * and the organisations the case was referred to. Help request and agreement are one versioned row.
 */
export function PlanBasics({
  caseId,
  planRef,
  mayEdit,
  onSaved,
}: {
  caseId: string;
  planRef: FragmentType<typeof PlanBasicsFragment>;
  mayEdit: boolean;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const plan = getFragmentData(PlanBasicsFragment, planRef);
  const [editing, setEditing] = useState(false);
  const editOpenerId = useReturnFocus(editing);
  return (
    <div className="plan-basics">
      <Heading level={3}>{t('planEditing.basics.title')}</Heading>
      {editing ? (
        <BasicsEditor
          caseId={caseId}
          planId={plan.id ?? null}
          version={plan.version}
          initial={{
            helpRequest: plan.helpRequest ?? '',
            tenantSignedOffOn: plan.tenantSignedOffOn ?? '',
            tenantSignOffChannel: plan.tenantSignOffChannel ?? '',
          }}
          onCancel={() => setEditing(false)}
          onDone={(message) => {
            setEditing(false);
            onSaved(message);
          }}
        />
      ) : (
        <>
          <DataList
            items={[
              {
                key: 'help',
                label: t('actionPlan.helpRequest'),
                value: plan.helpRequest ? (
                  <span className="pre-line">{plan.helpRequest}</span>
                ) : (
                  <span className="muted">{t('actionPlan.notYet')}</span>
                ),
              },
              {
                key: 'signoff',
                label: t('actionPlan.signOff'),
                value: plan.tenantSignedOffOn ? (
                  `${formatDate(plan.tenantSignedOffOn)}${plan.tenantSignOffChannel ? ` (${t(`consentChannels.${plan.tenantSignOffChannel}`)})` : ''}`
                ) : (
                  <span className="muted">{t('planEditing.basics.notSignedOff')}</span>
                ),
              },
              {
                key: 'referred',
                label: t('actionPlan.referredTo'),
                value:
                  plan.referredOrganizations.length > 0 ? (
                    plan.referredOrganizations.map((organization) => organization.name).join(', ')
                  ) : (
                    <span className="muted">{t('planEditing.basics.notReferred')}</span>
                  ),
              },
            ]}
          />
          {mayEdit ? (
            <Button id={editOpenerId} variant="secondary" onClick={() => setEditing(true)}>
              {t('planEditing.basics.edit')}
            </Button>
          ) : null}
          <ChangeHistory changes={plan.history} subject={t('planEditing.basics.title')} />
        </>
      )}
    </div>
  );
}
