import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

import { ROUTES } from '../../app/routes';
import { usePageTitle } from '../../app/usePageTitle';
import { toApiError } from '../../lib/graphql-errors';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { ChoiceGroup, RadioField } from '../../ui/Field';
import { PageHeading, Paragraph } from '../../ui/Heading';
import { useAuthenticatedSession, useSessionActions } from './session';

/** Choose the organisation (membership) to act for; everything is read again for it. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const { me } = useAuthenticatedSession();
  const { switchMembership } = useSessionActions();
  const navigate = useNavigate();
  const [selected, setSelected] = useState(me.activeMembership?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  usePageTitle(t('organisation.title'));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!selected || selected === me.activeMembership?.id) {
      await navigate(ROUTES.home);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      await switchMembership(selected);
      await navigate(ROUTES.home);
    } catch (error) {
      setFailure(t(`errors.${toApiError(error).code}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <PageHeading>{t('organisation.title')}</PageHeading>
      <Paragraph>{t('organisation.intro')}</Paragraph>
      {failure ? (
        <Alert type="error" live>
          {failure}
        </Alert>
      ) : null}
      <form onSubmit={(event) => void submit(event)} className="form">
        <ChoiceGroup legend={t('organisation.legend')}>
          {me.memberships.map((membership) => (
            <RadioField
              key={membership.id}
              name="membership"
              value={membership.id}
              checked={selected === membership.id}
              onChange={() => setSelected(membership.id)}
              label={t('organisation.option', {
                organization: membership.organization.name,
                role: t(`roles.${membership.role}`),
              })}
            />
          ))}
        </ChoiceGroup>
        <Button type="submit" variant="primary" busy={busy}>
          {t('organisation.submit')}
        </Button>
      </form>
    </div>
  );
}
