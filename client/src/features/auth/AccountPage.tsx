import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { ROUTES } from '../../app/routes';
import { usePageTitle } from '../../app/usePageTitle';
import { graphql } from '../../gql';
import { toApiError } from '../../lib/graphql-errors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary, type FieldError } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/Field';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { Section } from '../../ui/Section';
import { useAuthenticatedSession, useSessionActions } from './session';

export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const LogoutEverywhereDocument = graphql(`
  mutation LogoutEverywhere {
    logoutEverywhere
  }
`);

/** Mirrors the server's rule, so most mistakes are caught before sending; the server decides. */
const MIN_PASSWORD_LENGTH = 12;

interface PasswordErrors {
  currentPassword?: string;
  newPassword?: string;
  repeatPassword?: string;
}

function ChangePasswordForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const [changePassword, { loading }] = useMutation(ChangePasswordDocument);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [outcome, setOutcome] = useState<{ type: 'ok' | 'error'; text: string } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: PasswordErrors = {};
    if (!currentPassword) found.currentPassword = t('account.password.currentRequired');
    if ([...newPassword].length < MIN_PASSWORD_LENGTH)
      found.newPassword = t('account.password.tooShort', { count: MIN_PASSWORD_LENGTH });
    else if (newPassword.trim().toLowerCase() === email.toLowerCase())
      found.newPassword = t('account.password.notEmail');
    if (repeatPassword !== newPassword) found.repeatPassword = t('account.password.mismatch');
    setErrors(found);
    setOutcome(null);
    if (Object.keys(found).length > 0) return;
    try {
      await changePassword({ variables: { currentPassword, newPassword } });
      setCurrentPassword('');
      setNewPassword('');
      setRepeatPassword('');
      setOutcome({ type: 'ok', text: t('account.password.changed') });
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'BAD_USER_INPUT') {
        setErrors({
          ...(apiError.fieldErrors.currentPassword
            ? { currentPassword: apiError.fieldErrors.currentPassword }
            : {}),
          ...(apiError.fieldErrors.newPassword ? { newPassword: apiError.fieldErrors.newPassword } : {}),
        });
      } else {
        setOutcome({
          type: 'error',
          text:
            apiError.code === 'RATE_LIMITED' && apiError.message
              ? apiError.message
              : t(`errors.${apiError.code}`),
        });
      }
      setCurrentPassword('');
    }
  }

  const summary: FieldError[] = [
    ...(errors.currentPassword
      ? [{ fieldId: 'account-current-password', message: errors.currentPassword }]
      : []),
    ...(errors.newPassword ? [{ fieldId: 'account-new-password', message: errors.newPassword }] : []),
    ...(errors.repeatPassword
      ? [{ fieldId: 'account-repeat-password', message: errors.repeatPassword }]
      : []),
  ];

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="form">
      <ErrorSummary errors={summary} />
      {outcome ? (
        <Alert type={outcome.type} live>
          {outcome.text}
        </Alert>
      ) : null}
      {/* Lets password managers know which account the new password belongs to. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        id="account-current-password"
        label={t('account.password.current')}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        error={errors.currentPassword}
        onChange={(event) => setCurrentPassword(event.target.value)}
        required
      />
      <TextField
        id="account-new-password"
        label={t('account.password.new')}
        description={t('account.password.rule', { count: MIN_PASSWORD_LENGTH })}
        type="password"
        autoComplete="new-password"
        value={newPassword}
        error={errors.newPassword}
        onChange={(event) => setNewPassword(event.target.value)}
        required
      />
      <TextField
        id="account-repeat-password"
        label={t('account.password.repeat')}
        type="password"
        autoComplete="new-password"
        value={repeatPassword}
        error={errors.repeatPassword}
        onChange={(event) => setRepeatPassword(event.target.value)}
        required
      />
      <Button type="submit" variant="primary" busy={loading}>
        {t('account.password.submit')}
      </Button>
    </form>
  );
}

function LogoutEverywhere() {
  const { t } = useTranslation();
  const [logoutEverywhere] = useMutation(LogoutEverywhereDocument);
  const { logout } = useSessionActions();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setFailure(null);
    try {
      await logoutEverywhere();
      // This session has ended too: leave the app the way a normal logout does.
      await logout();
      await navigate(ROUTES.login, { replace: true, state: { loggedOut: true } });
    } catch (error) {
      setFailure(t(`errors.${toApiError(error).code}`));
      setBusy(false);
    }
  }

  return (
    <>
      <Paragraph>{t('account.everywhere.intro')}</Paragraph>
      {failure ? (
        <Alert type="error" live>
          {failure}
        </Alert>
      ) : null}
      <Button variant="secondary" busy={busy} onClick={() => void run()}>
        {t('account.everywhere.submit')}
      </Button>
    </>
  );
}

/** My account: change my password, and end all my sessions (a lost phone, a shared computer). */
export function AccountPage() {
  const { t } = useTranslation();
  const { me } = useAuthenticatedSession();
  usePageTitle(t('account.title'));
  return (
    <div className="narrow">
      <PageHeading>{t('account.title')}</PageHeading>
      <Paragraph>{t('account.intro', { email: me.user.email })}</Paragraph>
      <Section title={t('account.password.title')}>
        <Paragraph>{t('account.password.intro')}</Paragraph>
        <ChangePasswordForm email={me.user.email} />
      </Section>
      <Section title={t('account.everywhere.title')}>
        <LogoutEverywhere />
      </Section>
    </div>
  );
}
