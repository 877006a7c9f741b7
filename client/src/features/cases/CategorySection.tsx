import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { DataCategory } from '../../gql/graphql';
import { Section } from '../../ui/Section';
import type { CategoryAccessLike } from './access';
import { WithheldPanel } from './WithheldPanel';

export interface CategorySectionProps {
  readonly category: DataCategory;
  readonly access: CategoryAccessLike;
  readonly organizationName: string;
  readonly onRecordConsent?: ((category: DataCategory) => void) | undefined;
  readonly title?: string;
  /** What I can still do while the data is withheld (e.g. a note for my own organisation). */
  readonly whenWithheld?: ReactNode;
  readonly children: ReactNode;
}

/** A section for one data category: its content when I may read it, otherwise why not. */
export function CategorySection({
  category,
  access,
  organizationName,
  onRecordConsent,
  title,
  whenWithheld,
  children,
}: CategorySectionProps) {
  const { t } = useTranslation();
  return (
    <Section
      title={title ?? t(`categories.${category}`)}
      className={`category category--${category.toLowerCase()}`}
    >
      {access.allowed ? (
        <>
          {access.ownDataOnly ? <p className="utrecht-paragraph muted">{t('withheld.ownDataOnly')}</p> : null}
          {children}
        </>
      ) : (
        <>
          <WithheldPanel
            category={category}
            reason={access.reason}
            organizationName={organizationName}
            {...(onRecordConsent ? { onRecordConsent } : {})}
          />
          {whenWithheld}
        </>
      )}
    </Section>
  );
}
