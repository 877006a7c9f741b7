import { ApolloProvider } from '@apollo/client/react';
import type { ApolloClient } from '@apollo/client';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';

import { AccountPage } from '../features/auth/AccountPage';
import { OrganisationPage } from '../features/auth/OrganisationPage';
import { LoginPage } from '../features/auth/LoginPage';
import { SessionProvider, useSession } from '../features/auth/session';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { PageHeading, Paragraph } from '../ui/Heading';
import { Skeleton } from '../ui/Skeleton';
import { createApolloClient } from './apollo';
import { AppLayout, PublicLayout } from './Layout';
import { NotFoundPage } from './NotFoundPage';
import {
  AuditTrailPage,
  CasePage,
  ConsentRegisterPage,
  ImportArrearsPage,
  MonitoringPage,
  NewCasePage,
  PrivacyCasePage,
  WorkListPage,
} from './pages';
import { ROUTES } from './routes';

/** Where a user lands: the privacy officer at the consent register, everyone else at the work list. */
function HomeRedirect() {
  const session = useSession();
  if (session.status === 'authenticated' && session.actor?.role === 'PRIVACY_OFFICER') {
    return <Navigate to={ROUTES.consentRegister} replace />;
  }
  return <Navigate to={ROUTES.workList} replace />;
}

function SessionLoading() {
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <Skeleton lines={4} label={t('state.loadingSession')} />
    </PublicLayout>
  );
}

function ServerUnavailable({ retry }: { retry: () => void }) {
  const { t } = useTranslation();
  return (
    <PublicLayout>
      <PageHeading>{t('app.title')}</PageHeading>
      <Alert type="error" live heading={t('errors.NETWORK')}>
        <Button variant="primary" onClick={retry}>
          {t('state.retry')}
        </Button>
      </Alert>
    </PublicLayout>
  );
}

function NoMembership() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{t('noMembership.title')}</PageHeading>
      <Paragraph>{t('noMembership.body')}</Paragraph>
    </>
  );
}

/** Routes behind the login: anonymous users go to the login page and come back afterwards. */
function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'loading') return <SessionLoading />;
  if (session.status === 'unavailable') return <ServerUnavailable retry={session.retry} />;
  if (session.status === 'anonymous') {
    return (
      <Navigate
        to={ROUTES.login}
        replace
        state={{ from: `${location.pathname}${location.search}`, expired: session.expired }}
      />
    );
  }
  return children;
}

function RequireMembership({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.status === 'authenticated' && !session.actor) return <NoMembership />;
  return children;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path={ROUTES.login} element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route
          index
          element={
            <RequireMembership>
              <HomeRedirect />
            </RequireMembership>
          }
        />
        <Route
          path={ROUTES.workList}
          element={
            <RequireMembership>
              <WorkListPage />
            </RequireMembership>
          }
        />
        <Route
          path="/dossiers/:caseId"
          element={
            <RequireMembership>
              <CasePage />
            </RequireMembership>
          }
        />
        <Route
          path={ROUTES.consentRegister}
          element={
            <RequireMembership>
              <ConsentRegisterPage />
            </RequireMembership>
          }
        />
        <Route
          path={ROUTES.auditTrail}
          element={
            <RequireMembership>
              <AuditTrailPage />
            </RequireMembership>
          }
        />
        <Route
          path={ROUTES.newCase}
          element={
            <RequireMembership>
              <NewCasePage />
            </RequireMembership>
          }
        />
        <Route
          path={ROUTES.importArrears}
          element={
            <RequireMembership>
              <ImportArrearsPage />
            </RequireMembership>
          }
        />
        <Route
          path={ROUTES.dashboard}
          element={
            <RequireMembership>
              <MonitoringPage />
            </RequireMembership>
          }
        />
        <Route
          path="/privacy/dossiers/:caseId"
          element={
            <RequireMembership>
              <PrivacyCasePage />
            </RequireMembership>
          }
        />
        <Route path={ROUTES.organisation} element={<OrganisationPage />} />
        <Route path={ROUTES.account} element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Providers around the routes; tests pass their own Apollo client and router. */
export function AppProviders({ client, children }: { client: ApolloClient; children: ReactNode }) {
  return (
    <ApolloProvider client={client}>
      <SessionProvider>{children}</SessionProvider>
    </ApolloProvider>
  );
}

/** The app; main.tsx hands it the Apollo client it already started the route's queries with. */
export function App({ client: given }: { client?: ApolloClient }) {
  const [client] = useState(() => given ?? createApolloClient());
  return (
    <AppProviders client={client}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </AppProviders>
  );
}
