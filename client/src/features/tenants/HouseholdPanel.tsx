import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatNumber } from '../../lib/format';
import { DataList } from '../../ui/DataList';

export const HouseholdPanelFragment = graphql(`
  fragment HouseholdPanel_case on Case {
    household {
      adults
      children
    }
  }
`);

export function HouseholdPanel({ caseRef }: { caseRef: FragmentType<typeof HouseholdPanelFragment> }) {
  const { t } = useTranslation();
  const { household } = getFragmentData(HouseholdPanelFragment, caseRef);
  if (!household) return null;
  return (
    <DataList
      items={[
        { key: 'adults', label: t('household.adults'), value: formatNumber(household.adults) },
        {
          key: 'children',
          label: t('household.children'),
          value:
            household.children > 0
              ? `${formatNumber(household.children)} — ${t('household.minorsNote')}`
              : formatNumber(0),
        },
      ]}
    />
  );
}
