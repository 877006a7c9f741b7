import { useTranslation } from 'react-i18next';

import { ROUTES } from './routes';
import { TextLink } from '../ui/Button';
import { PageHeading, Paragraph } from '../ui/Heading';

/** A page the user's role may not use: its title, why not, and the way back to the work list. */
export function NotAllowedPage({ title, reason }: { title: string; reason: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <Paragraph>{reason}</Paragraph>
      <Paragraph>
        <TextLink to={ROUTES.workList}>{t('case.backToWorkList')}</TextLink>
      </Paragraph>
    </>
  );
}
