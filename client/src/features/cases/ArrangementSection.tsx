import type { FragmentType } from '../../gql';
import { CategorySection, type CategorySectionProps } from './CategorySection';
import { ArrangementPanel, ArrangementPanelFragment } from '../arrangements';

/**
 * The case page's section for category ARRANGEMENT. Only the referring corporation makes an
 * arrangement, and it may always read back what it made (the origin rule): when the API withholds the
 * category from it, there is simply no arrangement yet, so it gets the way to make one instead of a
 * "no consent" explanation. Everyone else sees the arrangement, or why it is withheld.
 */
export function ArrangementSection({
  caseRef,
  mayManage,
  access,
  ...categoryProps
}: Omit<CategorySectionProps, 'category' | 'children'> & {
  caseRef: FragmentType<typeof ArrangementPanelFragment>;
  mayManage: boolean;
}) {
  return (
    <CategorySection
      {...categoryProps}
      category="ARRANGEMENT"
      access={mayManage ? { ...access, allowed: true } : access}
    >
      <ArrangementPanel caseRef={caseRef} mayManage={mayManage} />
    </CategorySection>
  );
}
