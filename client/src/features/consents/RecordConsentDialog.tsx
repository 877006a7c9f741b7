import { useMutation, useQuery } from '@apollo/client/react';
import {
  CONSENT_CHANNELS,
  DATA_CATEGORIES,
  PURPOSES_BY_PARTICIPANT_ROLE,
  recordConsentInputSchema,
} from '@vangnet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { SUPPORTED_LANGUAGES, type Language } from '../../app/i18n';
import { graphql } from '../../gql';
import type { ConsentChannel, ConsentPurpose, DataCategory, ParticipantRole } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formIssues, summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Dialog } from '../../ui/Dialog';
import { CheckboxField, ChoiceGroup, RadioField, SelectField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { Heading, Paragraph } from '../../ui/Heading';
import { QueryError } from '../../ui/QueryState';
import { Skeleton } from '../../ui/Skeleton';

export const RecordConsentDocument = graphql(`
  mutation RecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      id
      state
      validUntil
    }
  }
`);

/**
 * The B1 text for the tenant comes from the server's one message template (the same words as the
 * printable consent letter), with the template's version; exactly that text is recorded.
 */
export const ConsentWordingDocument = graphql(`
  query ConsentWording($input: RenderMessageInput!) {
    renderMessage(input: $input) {
      locale
      text
      templateVersion
    }
  }
`);

export interface ConsentRecipientOption {
  readonly id: string;
  readonly name: string;
  readonly role: ParticipantRole;
}

export interface RecordConsentDialogProps {
  readonly caseId: string;
  /** Organisations on the case that may receive the consent (my own organisation included). */
  readonly recipients: readonly ConsentRecipientOption[];
  readonly defaultRecipientId: string;
  readonly defaultCategory?: DataCategory | undefined;
  readonly tenantLanguage?: Language | undefined;
  readonly onClose: () => void;
  readonly onRecorded: (message: string) => void;
}

/** Twelve months from now: the default validity (docs/product.md §3). */
function defaultValidUntil(now: Date = new Date()): Date {
  const until = new Date(now);
  until.setMonth(until.getMonth() + 12);
  return until;
}

/**
 * Records a consent of the tenant. The B1 wording is made by the server from the choices, shown to the
 * tenant in their language, and sent back verbatim with its template version.
 */
export function RecordConsentDialog({
  caseId,
  recipients,
  defaultRecipientId,
  defaultCategory,
  tenantLanguage,
  onClose,
  onRecorded,
}: RecordConsentDialogProps) {
  const { t } = useTranslation();
  const ids = {
    recipientOrgId: useId(),
    purpose: useId(),
    categories: useId(),
    channel: useId(),
    wordingLanguage: useId(),
    wordingHeading: useId(),
  };
  const [recipientId, setRecipientId] = useState(defaultRecipientId);
  const recipient = recipients.find((option) => option.id === recipientId) ?? recipients[0];
  const purposes: readonly ConsentPurpose[] = recipient ? PURPOSES_BY_PARTICIPANT_ROLE[recipient.role] : [];
  const [purpose, setPurpose] = useState<ConsentPurpose | ''>(purposes[0] ?? '');
  const [categories, setCategories] = useState<DataCategory[]>(defaultCategory ? [defaultCategory] : []);
  const [channel, setChannel] = useState<ConsentChannel | ''>('');
  const [language, setLanguage] = useState<Language>(tenantLanguage ?? 'nl');
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [validUntil] = useState(() => defaultValidUntil());
  const [record, { loading }] = useMutation(RecordConsentDocument, {
    // A consent opens sections of the case to its recipient (my own organisation among them) and adds
    // to the consents list; what it opens is not in the answer, so the case page is read again — one
    // request, the consents being part of the page's query.
    refetchQueries: ['CasePage'],
    awaitRefetchQueries: true,
  });

  const effectivePurpose: ConsentPurpose | '' = purpose && purposes.includes(purpose) ? purpose : '';
  const chosenCategories = DATA_CATEGORIES.filter((category) => categories.includes(category));
  const wordingReady = Boolean(recipient && effectivePurpose && chosenCategories.length > 0);
  const wordingQuery = useQuery(ConsentWordingDocument, {
    skip: !wordingReady,
    variables: {
      input: {
        kind: 'CONSENT_WORDING',
        caseId,
        recipientOrgId: recipient?.id ?? '',
        purpose: effectivePurpose || null,
        categories: chosenCategories,
        locale: language,
        validUntil: todayIso(validUntil),
      },
    },
  });
  const wording = wordingReady ? wordingQuery.data?.renderMessage : undefined;

  function toggleCategory(category: DataCategory, on: boolean) {
    setCategories((current) => (on ? [...current, category] : current.filter((item) => item !== category)));
  }

  async function submit() {
    setMessage(null);
    const found: Record<string, string> = {};
    if (!recipient) found.recipientOrgId = t('consents.errors.recipient');
    if (!effectivePurpose) found.purpose = t('consents.errors.purpose');
    if (categories.length === 0) found.categories = t('consents.errors.categories');
    if (!channel) found.channel = t('consents.errors.channel');
    setErrors(found);
    if (Object.keys(found).length > 0 || !recipient || !effectivePurpose || !channel) return;
    if (!wording) {
      setMessage(t('consents.wordingNotReady'));
      return;
    }
    const input = {
      caseId,
      recipientOrgId: recipient.id,
      purpose: effectivePurpose,
      categories: chosenCategories,
      channel,
      validUntil: validUntil.toISOString(),
      wordingText: wording.text,
      wordingVersion: wording.templateVersion,
    };
    // The server's own rules from the shared schema, on what it would get: the end date as its DateTime
    // scalar hands it over (a Date). The organisations come from the case's own list; whether the
    // recipient may receive the consent is the server's to say.
    const issues = formIssues(recordConsentInputSchema(new Date()), { ...input, validUntil }, t, [
      'purpose',
      'categories',
      'channel',
      'validUntil',
      'wordingText',
      'wordingVersion',
    ]);
    setErrors(issues);
    if (Object.keys(issues).length > 0) return;
    try {
      await record({ variables: { input } });
      onRecorded(t('consents.recorded', { organization: recipient.name }));
    } catch (error) {
      showFailure(error);
    }
  }

  return (
    <Dialog title={t('consents.dialogTitle')} onClose={onClose} className="consent-dialog">
      <FormShell
        className="form"
        onSubmit={submit}
        header={<Paragraph>{t('consents.dialogIntro')}</Paragraph>}
        errors={summaryOf(errors, ids)}
        message={message}
        submitLabel={t('consents.submit')}
        busy={loading}
        onCancel={onClose}
      >
        <SelectField
          id={ids.recipientOrgId}
          label={t('consents.recipient')}
          description={t('consents.recipientHint')}
          options={recipients.map((option) => ({ value: option.id, label: option.name }))}
          value={recipient?.id ?? ''}
          error={errors.recipientOrgId}
          onChange={(event) => {
            setRecipientId(event.target.value);
            const next = recipients.find((option) => option.id === event.target.value);
            setPurpose(next ? (PURPOSES_BY_PARTICIPANT_ROLE[next.role][0] ?? '') : '');
          }}
        />
        <SelectField
          id={ids.purpose}
          label={t('consents.purpose')}
          description={t('consents.purposeHint')}
          placeholder={t('common.choose')}
          options={purposes.map((option) => ({ value: option, label: t(`purposes.${option}`) }))}
          value={effectivePurpose}
          error={errors.purpose}
          onChange={(event) => setPurpose(event.target.value as ConsentPurpose | '')}
        />
        <ChoiceGroup id={ids.categories} legend={t('consents.categories')} error={errors.categories}>
          {DATA_CATEGORIES.map((category) => (
            <CheckboxField
              key={category}
              label={
                category === 'SPECIAL'
                  ? `${t('categories.SPECIAL')} — ${t('consents.specialHint')}`
                  : t(`categories.${category}`)
              }
              checked={categories.includes(category)}
              onChange={(event) => toggleCategory(category, event.target.checked)}
            />
          ))}
        </ChoiceGroup>
        <ChoiceGroup id={ids.channel} legend={t('consents.channelQuestion')} error={errors.channel}>
          {CONSENT_CHANNELS.map((option) => (
            <RadioField
              key={option}
              name="channel"
              value={option}
              checked={channel === option}
              onChange={() => setChannel(option)}
              label={t(`consentChannels.${option}`)}
            />
          ))}
        </ChoiceGroup>
        <ChoiceGroup id={ids.wordingLanguage} legend={t('consents.wordingLanguage')}>
          {SUPPORTED_LANGUAGES.map((option) => (
            <RadioField
              key={option}
              name="wordingLanguage"
              value={option}
              checked={language === option}
              onChange={() => setLanguage(option)}
              label={t(`language.names.${option}`)}
            />
          ))}
        </ChoiceGroup>
        <section aria-labelledby={ids.wordingHeading} className="consent-wording-section">
          <Heading level={3} id={ids.wordingHeading}>
            {t('consents.wordingTitle')}
          </Heading>
          {!wordingReady ? (
            <Paragraph className="muted">{t('consents.wordingPending')}</Paragraph>
          ) : wording ? (
            <blockquote lang={wording.locale} className="consent-wording">
              {wording.text}
            </blockquote>
          ) : wordingQuery.error ? (
            <QueryError error={wordingQuery.error} onRetry={() => void wordingQuery.refetch()} />
          ) : (
            <Skeleton lines={6} label={t('consents.wordingLoading')} />
          )}
        </section>
        <Paragraph>
          <strong>{t('consents.saveWhen')}</strong>
        </Paragraph>
      </FormShell>
    </Dialog>
  );
}
