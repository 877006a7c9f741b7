import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { ROUTES, WORK_LIST_TABS, type WorkListTab } from '../../app/routes';
import { usePageTitle } from '../../app/usePageTitle';
import { TextLink } from '../../ui/Button';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { Section } from '../../ui/Section';
import { useActor } from '../auth';
import { CaseQueue } from './CaseQueue';
import { DeadlineList } from '../deadlines';

function isTab(value: string | null): value is WorkListTab {
  return value !== null && (WORK_LIST_TABS as readonly string[]).includes(value);
}

/** My deadlines, my cases, my organisation's queue (and, for a team lead, every case of the org). */
export function WorkListPage() {
  const { t } = useTranslation();
  const { actor, ability } = useActor();
  const [params] = useSearchParams();
  usePageTitle(t('worklist.title'));

  // An organisation admin (or privacy officer) is never a case reader by that role (docs/product.md §3): the same
  // rules the server enforces say so, and the page says it instead of showing lists that stay empty.
  if (!ability.can('read', 'Case')) {
    return (
      <>
        <PageHeading>{t('worklist.title')}</PageHeading>
        <Paragraph className="lead">
          {t('worklist.noCaseRole', {
            role: t(`roles.${actor.role}`).toLowerCase(),
            organization: actor.organizationName,
          })}
        </Paragraph>
        <Paragraph>{t('worklist.noCaseRoleHint')}</Paragraph>
        <Paragraph>
          <TextLink to={ROUTES.organisation}>{t('worklist.chooseOtherOrganisation')}</TextLink>
        </Paragraph>
      </>
    );
  }

  const teamLead = actor.role === 'TEAM_LEAD';
  const tabs: WorkListTab[] = teamLead ? ['wachtrij', 'alle', 'mijn'] : ['mijn', 'wachtrij'];
  const requested = params.get('lijst');
  const tab: WorkListTab = isTab(requested) && tabs.includes(requested) ? requested : (tabs[0] ?? 'mijn');
  const label: Record<WorkListTab, string> = {
    mijn: t('worklist.tabs.mine'),
    wachtrij: t('worklist.tabs.queue', { organization: actor.organizationName }),
    alle: t('worklist.tabs.all', { organization: actor.organizationName }),
  };
  const empty: Record<WorkListTab, string> = {
    mijn: t('worklist.cases.emptyMine'),
    wachtrij: t('worklist.cases.emptyQueue'),
    alle: t('worklist.cases.emptyAll'),
  };
  const assignedToMe: Record<WorkListTab, boolean | undefined> = {
    mijn: true,
    wachtrij: false,
    alle: undefined,
  };

  return (
    <>
      <PageHeading>{t('worklist.title')}</PageHeading>
      <Paragraph className="lead">{t('worklist.intro', { organization: actor.organizationName })}</Paragraph>
      <DeadlineList />
      <Section title={t('worklist.cases.title')}>
        <nav aria-label={t('worklist.tabs.label')} className="tabs">
          <ul>
            {tabs.map((item) => (
              <li key={item}>
                <Link
                  to={`${ROUTES.workList}?lijst=${item}`}
                  className="tabs__link"
                  aria-current={item === tab ? 'page' : undefined}
                  replace
                >
                  {label[item]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <CaseQueue key={tab} caption={label[tab]} assignedToMe={assignedToMe[tab]} emptyText={empty[tab]} />
      </Section>
    </>
  );
}
