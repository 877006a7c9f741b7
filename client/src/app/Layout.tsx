import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';

import { useSession, useSessionActions } from '../features/auth/session';
import { Button } from '../ui/Button';
import { Skeleton } from '../ui/Skeleton';
import { LanguageSwitch } from './LanguageSwitch';
import { ROUTES } from './routes';

function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      className="utrecht-skip-link utrecht-skip-link--visible-on-focus skip-link"
      href="#main"
      onClick={(event) => {
        const main = document.getElementById('main');
        if (main) {
          event.preventDefault();
          main.focus();
        }
      }}
    >
      {t('layout.skipLink')}
    </a>
  );
}

/** After a navigation (not the first page), focus the new page's heading so it is announced. */
function useRouteFocus(): void {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('#main h1');
    (heading ?? document.getElementById('main'))?.focus();
  }, [location.pathname]);
}

function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="utrecht-page-footer app-footer">
      <p className="utrecht-paragraph utrecht-paragraph--small">{t('layout.footer')}</p>
    </footer>
  );
}

/** Skip link, banner with the app name, main content and footer: the frame of every page. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app utrecht-page">
      <SkipLink />
      <header className="utrecht-page-header app-header">
        <p className="app-name">{t('app.title')}</p>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {children}
      </main>
      <Footer />
    </div>
  );
}

function MainNav() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.status !== 'authenticated' || !session.actor) return null;
  const privacy = session.actor.role === 'PRIVACY_OFFICER';
  const links = privacy
    ? [
        { to: ROUTES.consentRegister, label: t('nav.consentRegister') },
        { to: ROUTES.auditTrail, label: t('nav.auditTrail') },
      ]
    : [{ to: ROUTES.workList, label: t('nav.workList') }];
  // Opening dossiers, by hand or from the ERP's arrears list: where the shared rules allow creating cases.
  const createLinks = session.ability.can('create', 'Case')
    ? [
        { to: ROUTES.newCase, label: t('newCase.nav') },
        { to: ROUTES.importArrears, label: t('arrearsImport.nav') },
      ]
    : [];
  // The monitoring dashboard: where the shared rules allow `view Monitoring`.
  const dashboardLinks = session.ability.can('view', 'Monitoring')
    ? [{ to: ROUTES.dashboard, label: t('monitoring.navLink') }]
    : [];
  return (
    <nav aria-label={t('nav.label')} className="main-nav">
      <ul>
        {[...links, ...createLinks, ...dashboardLinks].map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} className="utrecht-link main-nav__link">
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const { logout } = useSessionActions();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (session.status !== 'authenticated') return null;
  const { me, actor } = session;
  return (
    <div className="user-menu">
      <p className="user-menu__who">
        <span className="user-menu__name">{me.user.displayName}</span>
        {actor ? (
          <span className="user-menu__org">
            {t('layout.actingFor', { organization: actor.organizationName, role: t(`roles.${actor.role}`) })}
          </span>
        ) : null}
      </p>
      {me.memberships.length > 1 ? (
        <NavLink to={ROUTES.organisation} className="utrecht-link">
          {t('nav.switchOrganisation')}
        </NavLink>
      ) : null}
      <NavLink to={ROUTES.account} className="utrecht-link">
        {t('nav.account')}
      </NavLink>
      <Button
        variant="subtle"
        busy={busy}
        onClick={() => {
          setBusy(true);
          void logout().finally(() => {
            setBusy(false);
            void navigate(ROUTES.login, { replace: true, state: { loggedOut: true } });
          });
        }}
      >
        {t('layout.logout')}
      </Button>
    </div>
  );
}

/** The authenticated frame: banner with navigation, organisation, language and logout. */
export function AppLayout() {
  const { t } = useTranslation();
  useRouteFocus();
  return (
    <div className="app utrecht-page">
      <SkipLink />
      <header className="utrecht-page-header app-header">
        <div className="app-header__top">
          <NavLink to={ROUTES.home} className="app-name">
            {t('app.title')}
          </NavLink>
          <LanguageSwitch />
        </div>
        <div className="app-header__bottom">
          <MainNav />
          <UserMenu />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <Suspense fallback={<Skeleton height="40rem" label={t('state.loading')} />}>
          <Outlet />
        </Suspense>
      </main>
      <Footer />
    </div>
  );
}
