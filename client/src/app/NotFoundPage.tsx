import { useTranslation } from 'react-i18next';

import { TextLink } from '../ui/Button';
import { PageHeading, Paragraph } from '../ui/Heading';
import { ROUTES } from './routes';
import { usePageTitle } from './usePageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <>
      <PageHeading>{t('notFound.title')}</PageHeading>
      <Paragraph>{t('notFound.body')}</Paragraph>
      <Paragraph>
        <TextLink to={ROUTES.home}>{t('notFound.home')}</TextLink>
      </Paragraph>
    </>
  );
}
