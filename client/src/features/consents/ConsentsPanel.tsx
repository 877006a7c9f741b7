import { useMutation } from '@apollo/client/react';
import { CONSENT_CHANNELS } from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ConsentChannel, ConsentsPanel_ConsentFragment } from '../../gql/graphql';
import { submitFailure } from '../../lib/form';
import { Button } from '../../ui/Button';
import { DataList } from '../../ui/DataList';
import { Dialog } from '../../ui/Dialog';
import { ChoiceGroup, RadioField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading, Paragraph } from '../../ui/Heading';
import { EmptyState } from '../../ui/QueryState';
import { ConsentStateBadge, ValidityPeriod, WordingDetails } from './ConsentList';

/** A consent as the case page shows it; the page reads the case's consents in its own query. */
export const ConsentsPanelConsentFragment = graphql(`
  fragment ConsentsPanel_consent on Consent {
    id
    state
    purpose
    categories
    channel
    validFrom
    validUntil
    withdrawnAt
    recordedAt
    wordingText
    wordingVersion
    recipient {
      id
      name
    }
    recordedBy {
      id
      displayName
    }
    recordedByOrganization {
      id
      name
    }
  }
`);

const WithdrawConsentDocument = graphql(`
  mutation WithdrawConsent($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) {
      id
      state
      withdrawnAt
    }
  }
`);

type Consent = ConsentsPanel_ConsentFragment;

function WithdrawConsent({ consent, onDone }: { consent: Consent; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const channelId = useId();
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<ConsentChannel | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [withdraw, { loading }] = useMutation(WithdrawConsentDocument, {
    // The answer brings the consent's new state. What the withdrawal takes away (sections of the case
    // that rested on it, for my own organisation when it was the recipient) is decided by the server's
    // access rule and is not in the answer: the case page is read again (one request, the consents with it).
    refetchQueries: ['CasePage'],
    awaitRefetchQueries: true,
  });

  async function submit() {
    if (!channel) {
      setError(t('consents.errors.withdrawChannel'));
      return;
    }
    setError(null);
    try {
      await withdraw({ variables: { input: { consentId: consent.id, channel } } });
      setOpen(false);
      onDone(t('consents.withdrawn', { organization: consent.recipient.name }));
    } catch (failure) {
      setError(submitFailure(failure, t).message ?? t('errors.BAD_USER_INPUT'));
    }
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('consents.withdraw')}
      </Button>
      {open ? (
        <Dialog title={t('consents.withdrawTitle')} onClose={() => setOpen(false)}>
          <FormShell
            className="form"
            onSubmit={submit}
            header={
              <Paragraph>{t('consents.withdrawIntro', { organization: consent.recipient.name })}</Paragraph>
            }
            errors={error ? [{ fieldId: channelId, message: error }] : []}
            submitLabel={t('consents.confirmWithdraw')}
            submitVariant="danger"
            busy={loading}
            onCancel={() => setOpen(false)}
          >
            <ChoiceGroup id={channelId} legend={t('consents.withdrawChannel')} error={error ?? undefined}>
              {CONSENT_CHANNELS.map((option) => (
                <RadioField
                  key={option}
                  name="withdrawalChannel"
                  value={option}
                  checked={channel === option}
                  onChange={() => setChannel(option)}
                  label={t(`consentChannels.${option}`)}
                />
              ))}
            </ChoiceGroup>
          </FormShell>
        </Dialog>
      ) : null}
    </>
  );
}

export interface ConsentsPanelProps {
  /** The case's consents as the case page read them (`consents(caseId)` in its query). */
  readonly consents: readonly FragmentType<typeof ConsentsPanelConsentFragment>[];
  readonly mayManage: boolean;
  readonly onRecord?: (() => void) | undefined;
}

/** The tenant's consents given to or recorded by my organisation, for this case. */
export function ConsentsPanel({ consents: consentRefs, mayManage, onRecord }: ConsentsPanelProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const consents = consentRefs.map((consent) => getFragmentData(ConsentsPanelConsentFragment, consent));
  return (
    <>
      <p role="status" className="utrecht-paragraph status-line">
        {status}
      </p>
      {consents.length === 0 ? (
        <EmptyState>{t('consents.none')}</EmptyState>
      ) : (
        <ul className="consent-list">
          {consents.map((consent) => (
            <li key={consent.id} className="consent-list__item">
              <Heading level={3}>
                {t('consents.forOrganization', { organization: consent.recipient.name })}{' '}
                <ConsentStateBadge state={consent.state} />
              </Heading>
              <DataList
                items={[
                  { key: 'purpose', label: t('consents.purpose'), value: t(`purposes.${consent.purpose}`) },
                  {
                    key: 'categories',
                    label: t('consents.categories'),
                    value: consent.categories.map((category) => t(`categories.${category}`)).join(', '),
                  },
                  {
                    key: 'period',
                    label: t('consents.validity'),
                    value: <ValidityPeriod from={consent.validFrom} until={consent.validUntil} />,
                  },
                  {
                    key: 'channel',
                    label: t('consents.channel'),
                    value: t(`consentChannels.${consent.channel}`),
                  },
                  {
                    key: 'recorded',
                    label: t('consents.recordedBy'),
                    value: `${consent.recordedBy.displayName} (${consent.recordedByOrganization.name})`,
                  },
                ]}
              />
              <WordingDetails text={consent.wordingText} version={consent.wordingVersion} />
              {mayManage && consent.state === 'ACTIVE' ? (
                <WithdrawConsent consent={consent} onDone={setStatus} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {mayManage && onRecord ? (
        <Button variant="secondary" onClick={onRecord}>
          {t('withheld.recordConsent')}
        </Button>
      ) : null}
    </>
  );
}
