import { useTranslation } from 'react-i18next';

import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatDate, formatPersonName } from '../../lib/format';
import { DataList, type DataItem } from '../../ui/DataList';

export const ContactPanelFragment = graphql(`
  fragment ContactPanel_case on Case {
    contact {
      initials
      prefix
      surname
      birthDate
      street
      houseNumber
      houseNumberAddition
      postcode
      city
      phone
      email
      preferredChannel
      language
      bsn
    }
  }
`);

/** Category CONTACT. The BSN is there only for the municipality that recorded it. */
export function ContactPanel({ caseRef }: { caseRef: FragmentType<typeof ContactPanelFragment> }) {
  const { t } = useTranslation();
  const { contact } = getFragmentData(ContactPanelFragment, caseRef);
  if (!contact) return null;
  const address = `${contact.street} ${contact.houseNumber}${contact.houseNumberAddition ? ` ${contact.houseNumberAddition}` : ''}`;
  const items: DataItem[] = [
    { key: 'name', label: t('contact.name'), value: formatPersonName(contact) },
    ...(contact.birthDate
      ? [{ key: 'birthDate', label: t('contact.birthDate'), value: formatDate(contact.birthDate) }]
      : []),
    {
      key: 'address',
      label: t('contact.address'),
      value: (
        <>
          {address}
          <br />
          {`${contact.postcode.replace(/^(\d{4})([A-Z]{2})$/, '$1 $2')} ${contact.city}`}
        </>
      ),
    },
    { key: 'phone', label: t('contact.phone'), value: contact.phone ?? t('common.unknown') },
    { key: 'email', label: t('contact.email'), value: contact.email ?? t('common.unknown') },
    {
      key: 'channel',
      label: t('contact.preferredChannel'),
      value: contact.preferredChannel
        ? t(`preferredChannels.${contact.preferredChannel}`)
        : t('common.unknown'),
    },
    { key: 'language', label: t('contact.language'), value: t(`language.names.${contact.language}`) },
    ...(contact.bsn
      ? [{ key: 'bsn', label: t('contact.bsn'), value: <span className="bsn">{contact.bsn}</span> }]
      : []),
  ];
  return <DataList items={items} />;
}
