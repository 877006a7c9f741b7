import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';

import { PublicLayout } from '../../app/Layout';
import { ROUTES } from '../../app/routes';
import { usePageTitle } from '../../app/usePageTitle';
import { graphql } from '../../gql';
import { toApiError } from '../../lib/graphql-errors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ErrorSummary, type FieldError } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/Field';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { useSession, useSessionActions } from './session';

export const LoginDocument = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      user {
        id
      }
    }
  }
`);

interface LocationState {
  readonly from?: string;
  readonly expired?: boolean;
  readonly loggedOut?: boolean;
}

function readState(state: unknown): LocationState {
  return typeof state === 'object' && state !== null ? state : {};
}

/** Only paths inside the app; never an absolute URL from somewhere else. */
function safeReturnPath(from: string | undefined): string {
  return from && from.startsWith('/') && !from.startsWith('//') && from !== ROUTES.login ? from : ROUTES.home;
}

export function LoginForm({ onLoggedIn }: { onLoggedIn: () => void | Promise<void> }) {
  const { t } = useTranslation();
  const [login, { loading }] = useMutation(LoginDocument);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors: { email?: string; password?: string } = {};
    if (!email.trim()) errors.email = t('login.emailRequired');
    if (!password) errors.password = t('login.passwordRequired');
    setFieldErrors(errors);
    setFailure(null);
    if (errors.email || errors.password) return;
    try {
      await login({ variables: { email: email.trim(), password } });
      await onLoggedIn();
    } catch (error) {
      const apiError = toApiError(error);
      setFailure(
        apiError.code === 'UNAUTHENTICATED'
          ? t('login.failed')
          : apiError.code === 'RATE_LIMITED' && typeof apiError.extensions.retryAfterSeconds === 'number'
            ? t('login.rateLimited', { count: Math.ceil(apiError.extensions.retryAfterSeconds / 60) })
            : t(`errors.${apiError.code}`),
      );
      setPassword('');
    }
  }

  const summary: FieldError[] = [
    ...(fieldErrors.email ? [{ fieldId: 'login-email', message: fieldErrors.email }] : []),
    ...(fieldErrors.password ? [{ fieldId: 'login-password', message: fieldErrors.password }] : []),
  ];

  return (
    <form
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-describedby="login-intro"
      className="form login-form"
    >
      <ErrorSummary errors={summary} />
      {failure ? (
        <Alert type="error" live>
          {failure}
        </Alert>
      ) : null}
      <TextField
        id="login-email"
        label={t('login.email')}
        type="email"
        name="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        value={email}
        error={fieldErrors.email}
        onChange={(event) => setEmail(event.target.value)}
        required
      />
      <TextField
        id="login-password"
        label={t('login.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        error={fieldErrors.password}
        onChange={(event) => setPassword(event.target.value)}
        required
      />
      <Button type="submit" variant="primary" busy={loading}>
        {loading ? t('login.submitting') : t('login.submit')}
      </Button>
    </form>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { loggedIn } = useSessionActions();
  const location = useLocation();
  const navigate = useNavigate();
  const state = readState(location.state);
  usePageTitle(t('login.title'));

  if (session.status === 'authenticated') {
    return <Navigate to={safeReturnPath(state.from)} replace />;
  }

  return (
    <PublicLayout>
      <div className="narrow">
        <PageHeading>{t('login.title')}</PageHeading>
        <Paragraph id="login-intro">{t('login.intro')}</Paragraph>
        {state.expired ? (
          <Alert type="warning" live>
            {t('login.expired')}
          </Alert>
        ) : null}
        {state.loggedOut ? (
          <Alert type="ok" live>
            {t('login.loggedOut')}
          </Alert>
        ) : null}
        <LoginForm
          onLoggedIn={async () => {
            await loggedIn();
            await navigate(safeReturnPath(state.from), { replace: true });
          }}
        />
      </div>
    </PublicLayout>
  );
}
