import { useMutation } from '@apollo/client/react';
import type { TFunction } from 'i18next';
import { createCaseInputSchema, PREFERRED_CHANNELS } from '@vangnet/shared';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { ROUTES } from '../../app/routes';
import { usePageTitle } from '../../app/usePageTitle';
import { graphql } from '../../gql';
import type { CreateCaseInput, Locale, PreferredChannel } from '../../gql/graphql';
import { todayIso } from '../../lib/dates';
import { formIssues, summaryOf } from '../../lib/form';
import { useFormErrors } from '../../lib/useFormErrors';
import { Alert } from '../../ui/Alert';
import { TextLink } from '../../ui/Button';
import { CheckboxField, SelectField, TextField } from '../../ui/Field';
import { FormShell } from '../../ui/FormShell';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { useActor } from '../auth';
import { EuroField, readEuros } from '../../ui/EuroField';
import { NotAllowedPage } from '../../app/NotAllowedPage';
import './cases.css';

export const CreateCaseDocument = graphql(`
  mutation CreateCase($input: CreateCaseInput!) {
    createCase(input: $input) {
      id
      reference
    }
  }
`);

/** Every field of the form, named by its path in CreateCaseInput: the keys of the server's field errors. */
const FIELDS = [
  'tenant.initials',
  'tenant.prefix',
  'tenant.surname',
  'tenant.birthDate',
  'tenant.street',
  'tenant.houseNumber',
  'tenant.houseNumberAddition',
  'tenant.postcode',
  'tenant.city',
  'tenant.phone',
  'tenant.email',
  'tenant.preferredChannel',
  'tenant.language',
  'tenancy.contractNumber',
  'tenancy.monthlyRentCents',
  'arrears.amountCents',
  'arrears.aroseOn',
  'arrears.monthsInArrears',
  'household.adults',
  'household.children',
] as const;
type FieldPath = (typeof FIELDS)[number];
type Values = Record<FieldPath, string>;

const REQUIRED = [
  'tenant.initials',
  'tenant.surname',
  'tenant.street',
  'tenant.houseNumber',
  'tenant.postcode',
  'tenant.city',
  'tenancy.contractNumber',
  'arrears.aroseOn',
  'arrears.monthsInArrears',
  'household.adults',
  'household.children',
] as const satisfies readonly FieldPath[];

const INITIAL: Values = {
  ...(Object.fromEntries(FIELDS.map((field) => [field, ''])) as Record<FieldPath, string>),
  'tenant.language': 'nl',
  'household.adults': '1',
  'household.children': '0',
};

const LANGUAGES: readonly Locale[] = ['nl', 'en'];

function isPreferredChannel(value: string): value is PreferredChannel {
  return (PREFERRED_CHANNELS as readonly string[]).includes(value);
}

function isLocale(value: string): value is Locale {
  return (LANGUAGES as readonly string[]).includes(value);
}

const wholeNumber = (text: string): number | null =>
  /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : null;
const optional = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

/**
 * The input for createCase from the form, or the problems the form can see itself (required fields,
 * amounts, whole numbers). Everything else — postcode, phone, e-mail, a contract that already has an open
 * dossier — the server checks and reports per field.
 */
function toInput(
  values: Values,
  crisis: boolean,
  t: TFunction,
): { input: CreateCaseInput; errors?: undefined } | { input?: undefined; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  for (const field of REQUIRED) {
    if (values[field].trim() === '') errors[field] = t(`newCase.required.${field}`);
  }
  const number = (field: FieldPath): number => {
    const value = wholeNumber(values[field]);
    if (value === null && !errors[field]) errors[field] = t('newCase.errors.wholeNumber');
    return value ?? 0;
  };
  const houseNumber = number('tenant.houseNumber');
  const months = number('arrears.monthsInArrears');
  const adults = number('household.adults');
  const children = number('household.children');
  const rent = readEuros(values['tenancy.monthlyRentCents'], t);
  if (rent.error !== undefined) errors['tenancy.monthlyRentCents'] = rent.error;
  const arrears = readEuros(values['arrears.amountCents'], t);
  if (arrears.error !== undefined) errors['arrears.amountCents'] = arrears.error;
  if (values['arrears.aroseOn'] > todayIso())
    errors['arrears.aroseOn'] = t('arrearsEdit.errors.aroseOnFuture');
  if (Object.keys(errors).length > 0 || rent.cents === undefined || arrears.cents === undefined)
    return { errors };
  const channel = values['tenant.preferredChannel'];
  const language = values['tenant.language'];
  const prefix = optional(values['tenant.prefix']);
  const birthDate = optional(values['tenant.birthDate']);
  const addition = optional(values['tenant.houseNumberAddition']);
  const phone = optional(values['tenant.phone']);
  const email = optional(values['tenant.email']);
  const input: CreateCaseInput = {
    tenant: {
      initials: values['tenant.initials'].trim(),
      surname: values['tenant.surname'].trim(),
      street: values['tenant.street'].trim(),
      houseNumber,
      postcode: values['tenant.postcode'].trim(),
      city: values['tenant.city'].trim(),
      ...(prefix ? { prefix } : {}),
      ...(birthDate ? { birthDate } : {}),
      ...(addition ? { houseNumberAddition: addition } : {}),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      ...(isPreferredChannel(channel) ? { preferredChannel: channel } : {}),
      ...(isLocale(language) ? { language } : {}),
    },
    tenancy: { contractNumber: values['tenancy.contractNumber'].trim(), monthlyRentCents: rent.cents },
    arrears: { amountCents: arrears.cents, aroseOn: values['arrears.aroseOn'], monthsInArrears: months },
    household: { adults, children },
    crisis,
  };
  // The rest of the rules (postcode, phone, e-mail, dates, plausible amounts) are the server's own, from
  // the shared schema; a contract that already has an open dossier only the server can tell.
  const issues = formIssues(createCaseInputSchema(todayIso()), input, t);
  return Object.keys(issues).length > 0 ? { errors: issues } : { input };
}

function Group({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="form-group">
      <legend>{legend}</legend>
      <div className="form-grid">{children}</div>
    </fieldset>
  );
}

/**
 * A corporation opens a dossier (PRE_SIGNAL) for a tenant in arrears: tenant, tenancy, arrears and
 * household. Never a BSN: a corporation does not record it (AVG/UAVG art. 46).
 */
export function NewCasePage() {
  const { t } = useTranslation();
  usePageTitle(t('newCase.title'));
  const { ability } = useActor();
  const navigate = useNavigate();
  const idPrefix = useId();
  const ids = Object.fromEntries(FIELDS.map((field) => [field, `${idPrefix}-${field}`])) as Record<
    FieldPath,
    string
  >;
  const [values, setValues] = useState<Values>(INITIAL);
  const [crisis, setCrisis] = useState(false);
  const { errors, setErrors, message, setMessage, showFailure } = useFormErrors();
  const [create, { loading }] = useMutation(CreateCaseDocument);

  if (!ability.can('create', 'Case')) {
    return <NotAllowedPage title={t('newCase.title')} reason={t('newCase.notAllowed')} />;
  }

  async function submit() {
    setMessage(null);
    const result = toInput(values, crisis, t);
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    try {
      const created = await create({ variables: { input: result.input } });
      const newCase = created.data?.createCase;
      if (newCase) void navigate(ROUTES.case(newCase.id));
    } catch (error) {
      showFailure(error);
    }
  }

  const text = (field: FieldPath, options: { optional?: boolean; description?: string } = {}) => ({
    id: ids[field],
    label: t(`newCase.fields.${field}`),
    value: values[field],
    error: errors[field],
    ...(options.optional || options.description
      ? {
          description: [options.description, options.optional ? t('common.optional') : '']
            .filter(Boolean)
            .join(' '),
        }
      : {}),
    onChange: (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [field]: event.target.value })),
  });

  return (
    <>
      <PageHeading>{t('newCase.title')}</PageHeading>
      <Paragraph className="lead">{t('newCase.intro')}</Paragraph>
      <Alert type="info">{t('newCase.noBsn')}</Alert>
      <FormShell
        className="form form--wide"
        onSubmit={submit}
        errors={summaryOf(errors, ids)}
        message={message}
        submitLabel={t('newCase.submit')}
        busy={loading}
        extraActions={<TextLink to={ROUTES.workList}>{t('common.cancel')}</TextLink>}
      >
        <Group legend={t('newCase.groups.tenant')}>
          <TextField {...text('tenant.initials')} autoComplete="off" maxLength={20} />
          <TextField {...text('tenant.prefix', { optional: true })} autoComplete="off" maxLength={20} />
          <TextField {...text('tenant.surname')} autoComplete="off" maxLength={200} />
          <TextField {...text('tenant.birthDate', { optional: true })} type="date" max={todayIso()} />
        </Group>
        <Group legend={t('newCase.groups.address')}>
          <TextField {...text('tenant.street')} autoComplete="off" maxLength={200} />
          <TextField {...text('tenant.houseNumber')} inputMode="numeric" autoComplete="off" />
          <TextField
            {...text('tenant.houseNumberAddition', { optional: true })}
            autoComplete="off"
            maxLength={10}
          />
          <TextField
            {...text('tenant.postcode', { description: t('newCase.hints.postcode') })}
            autoComplete="off"
            maxLength={7}
          />
          <TextField {...text('tenant.city')} autoComplete="off" maxLength={100} />
        </Group>
        <Group legend={t('newCase.groups.contact')}>
          <TextField {...text('tenant.phone', { optional: true })} type="tel" autoComplete="off" />
          <TextField {...text('tenant.email', { optional: true })} type="email" autoComplete="off" />
          <SelectField
            {...text('tenant.preferredChannel', { optional: true })}
            placeholder={t('common.choose')}
            options={PREFERRED_CHANNELS.map((channel) => ({
              value: channel,
              label: t(`preferredChannels.${channel}`),
            }))}
          />
          <SelectField
            {...text('tenant.language')}
            options={LANGUAGES.map((language) => ({
              value: language,
              label: t(`language.names.${language}`),
            }))}
          />
        </Group>
        <Group legend={t('newCase.groups.tenancy')}>
          <TextField {...text('tenancy.contractNumber')} autoComplete="off" maxLength={50} />
          <EuroField {...text('tenancy.monthlyRentCents', { description: t('euroAmount.hint') })} />
        </Group>
        <Group legend={t('newCase.groups.arrears')}>
          <EuroField {...text('arrears.amountCents', { description: t('euroAmount.hint') })} />
          <TextField {...text('arrears.aroseOn')} type="date" max={todayIso()} />
          <TextField {...text('arrears.monthsInArrears')} inputMode="numeric" autoComplete="off" />
        </Group>
        <Group legend={t('newCase.groups.household')}>
          <TextField {...text('household.adults')} inputMode="numeric" autoComplete="off" />
          <TextField
            {...text('household.children', { description: t('newCase.hints.children') })}
            inputMode="numeric"
            autoComplete="off"
          />
        </Group>
        <CheckboxField
          label={t('preSignal.crisis')}
          checked={crisis}
          onChange={(event) => setCrisis(event.target.checked)}
        />
      </FormShell>
    </>
  );
}
